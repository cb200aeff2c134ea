package org.numabias.sweeps;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Writes and reads a list of Java records as one Parquet file, one column per record component
 * (String, int, long, double, boolean, their boxed forms as optional columns, long[] as a repeated
 * int64 column): the schema follows the record, so a field added to {@link CellRecord} is a column
 * with no other change. Local files only, without Hadoop's file system; Spark and pyarrow read the files.
 *
 * @param <R> the record type
 */
public final class RecordParquet<R extends Record> {
    private final Class<R> type;
    private final RecordComponent[] components;
    private final MessageType schema;

    /** A reader and writer for {@code type}. */
    public RecordParquet(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (RecordComponent c : components) {
            Class<?> t = c.getType();
            Repetition rep = t.isPrimitive() ? Repetition.REQUIRED : t == long[].class ? Repetition.REPEATED : Repetition.OPTIONAL;
            if (t == String.class) {
                b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(c.getName());
            } else {
                b.primitive(primitive(t, c.getName()), rep).named(c.getName());
            }
        }
        this.schema = b.named(type.getSimpleName());
    }

    private static PrimitiveTypeName primitive(Class<?> t, String name) {
        if (t == long.class || t == Long.class || t == long[].class) {
            return PrimitiveTypeName.INT64;
        } else if (t == int.class || t == Integer.class) {
            return PrimitiveTypeName.INT32;
        } else if (t == double.class || t == Double.class) {
            return PrimitiveTypeName.DOUBLE;
        } else if (t == boolean.class || t == Boolean.class) {
            return PrimitiveTypeName.BOOLEAN;
        }
        throw new IllegalArgumentException("field " + name + ": no Parquet column for " + t);
    }

    /** The Parquet schema. */
    public MessageType schema() {
        return schema;
    }

    /** Writes {@code records} to {@code file}, replacing it. */
    public void write(Path file, List<R> records) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withConf(new PlainParquetConfiguration()).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
            for (R r : records) {
                Group g = groups.newGroup();
                for (RecordComponent c : components) {
                    Object v = get(c, r);
                    switch (v) {
                        case null -> { }
                        case String s -> g.add(c.getName(), s);
                        case Long l -> g.add(c.getName(), l);
                        case Integer i -> g.add(c.getName(), i);
                        case Double d -> g.add(c.getName(), d);
                        case Boolean z -> g.add(c.getName(), z);
                        case long[] a -> {
                            for (long x : a) {
                                g.add(c.getName(), x);
                            }
                        }
                        default -> throw new IllegalStateException("field " + c.getName() + ": " + v.getClass());
                    }
                }
                w.write(g);
            }
        }
    }

    /** Reads every record of {@code file} (written by {@link #write}, or with the same columns). */
    public List<R> read(Path file) throws IOException {
        List<R> out = new ArrayList<>();
        Constructor<R> ctor = canonical();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rows = new ColumnIOFactory().getColumnIO(fileSchema)
                        .getRecordReader(pages, new GroupRecordConverter(fileSchema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group g = rows.read();
                    Object[] args = new Object[components.length];
                    for (int k = 0; k < components.length; k++) {
                        args[k] = value(g, components[k]);
                    }
                    try {
                        out.add(ctor.newInstance(args));
                    } catch (ReflectiveOperationException e) {
                        throw new IOException(file + ": cannot build a " + type.getSimpleName() + ": " + e, e);
                    }
                }
            }
        }
        return out;
    }

    private static Object value(Group g, RecordComponent c) {
        String name = c.getName();
        Class<?> t = c.getType();
        if (!g.getType().containsField(name)) { // a column added after the file was written
            return t == long[].class ? new long[0] : null;
        }
        int count = g.getFieldRepetitionCount(name);
        if (t == long[].class) {
            long[] a = new long[count];
            for (int i = 0; i < count; i++) {
                a[i] = g.getLong(name, i);
            }
            return a;
        }
        if (count == 0) {
            return null;
        }
        if (t == String.class) {
            return g.getString(name, 0);
        } else if (t == long.class || t == Long.class) {
            return g.getLong(name, 0);
        } else if (t == int.class || t == Integer.class) {
            return g.getInteger(name, 0);
        } else if (t == double.class || t == Double.class) {
            return g.getDouble(name, 0);
        }
        return g.getBoolean(name, 0);
    }

    private Object get(RecordComponent c, R r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Constructor<R> canonical() {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }
}
