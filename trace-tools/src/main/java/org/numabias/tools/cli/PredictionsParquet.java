package org.numabias.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.numabias.api.ConsumptionFeedback;

/**
 * {@link PredictionsFile} as Parquet, written by parquet-java to a local file without Hadoop: every column
 * required, {@code event}, {@code buffer}, {@code flow} and {@code bytes} int64, the others int32.
 *
 * <p>Streaming: a row group is flushed once it holds {@link #ROW_GROUP_BYTES}, so memory stays bounded
 * whatever the trace's length. Data pages of format version 2 (delta and dictionary encodings, which
 * keep the mostly increasing or repeating columns small) and no compression: parquet-java reaches its
 * codecs through Hadoop's compression classes, which the command line tool does not carry. Spark,
 * pyarrow and DuckDB read these files.
 */
final class PredictionsParquet extends PredictionsFile {
    /** The buffered size at which a row group is written out. */
    static final long ROW_GROUP_BYTES = 4L << 20;

    private final Row row = new Row();
    private ParquetWriter<Row> writer;

    PredictionsParquet(Path target, boolean force) throws IOException {
        super(target, force);
    }

    /** The types of {@link #KEY_COLUMNS}, in order. */
    private static final List<PrimitiveTypeName> KEY_TYPES = List.of(PrimitiveTypeName.INT64, PrimitiveTypeName.INT64,
            PrimitiveTypeName.INT32, PrimitiveTypeName.INT32, PrimitiveTypeName.INT64, PrimitiveTypeName.INT32,
            PrimitiveTypeName.INT32, PrimitiveTypeName.INT64);

    /** The schema of a file with {@code columns} ({@link #KEY_COLUMNS}, then the lanes' int32 columns). */
    static MessageType schema(List<String> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int c = 0; c < columns.size(); c++) {
            b.required(c < KEY_TYPES.size() ? KEY_TYPES.get(c) : PrimitiveTypeName.INT32).named(columns.get(c));
        }
        return b.named("prediction");
    }

    @Override
    void begin(List<String> columns) throws IOException {
        writer = new Builder(new LocalOutputFile(tmp), schema(columns)).withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriterVersion(WriterVersion.PARQUET_2_0).withRowGroupSize(ROW_GROUP_BYTES).build();
    }

    @Override
    void row(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) throws IOException {
        row.eventIndex = eventIndex;
        row.fb = fb;
        row.predictions = predictions;
        row.offset = offset;
        try {
            writer.write(row);
        } finally {
            row.fb = null;
            row.predictions = null;
        }
    }

    @Override
    void end() throws IOException {
        if (writer != null) {
            ParquetWriter<Row> w = writer;
            writer = null;
            w.close();
        }
    }

    /** The row being written: valid only during {@link ParquetWriter#write}. */
    private static final class Row {
        long eventIndex;
        ConsumptionFeedback fb;
        int[] predictions;
        int offset;
    }

    /** Writes a {@link Row} as one record of the schema, field by field. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final MessageType schema;
        private final String[] names;
        private RecordConsumer out;

        RowWriteSupport(MessageType schema) {
            this.schema = schema;
            this.names = schema.getFields().stream().map(f -> f.getName()).toArray(String[]::new);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        @SuppressWarnings("deprecation") // the abstract Hadoop form, never called with a PlainParquetConfiguration
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row r) {
            ConsumptionFeedback fb = r.fb;
            out.startMessage();
            int64(0, r.eventIndex);
            int64(1, fb.bufferId());
            int32(2, fb.device());
            int32(3, fb.queue());
            int64(4, fb.flow());
            int32(5, fb.allocNode());
            int32(6, fb.node());
            int64(7, fb.bytes());
            for (int f = KEY_COLUMNS.size(); f < names.length; f++) {
                int32(f, r.predictions[r.offset + f - KEY_COLUMNS.size()]);
            }
            out.endMessage();
        }

        private void int64(int field, long value) {
            out.startField(names[field], field);
            out.addLong(value);
            out.endField(names[field], field);
        }

        private void int32(int field, int value) {
            out.startField(names[field], field);
            out.addInteger(value);
            out.endField(names[field], field);
        }
    }

    /** parquet-java's builder for {@link RowWriteSupport}, without Hadoop's configuration. */
    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration configuration) {
            return new RowWriteSupport(schema);
        }

        @Override
        @SuppressWarnings("deprecation") // the abstract Hadoop form, never called with a PlainParquetConfiguration
        protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return new RowWriteSupport(schema);
        }
    }
}
