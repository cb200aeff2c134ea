package org.numabias.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file of flat required int32/int64 columns read back with parquet-java's own reader (its example
 * object model), for comparing with what was meant to be written.
 *
 * @param columns   the column names, in order
 * @param types     their types, in order
 * @param rows      every row, each value as a long
 * @param rowGroups how many row groups the file has
 */
record ParquetRows(List<String> columns, List<PrimitiveTypeName> types, List<List<Long>> rows, int rowGroups) {
    /** Reads the whole file. */
    static ParquetRows read(Path file) throws IOException {
        List<List<Long>> rows = new ArrayList<>();
        ParquetRows layout = scan(file, row -> rows.add(java.util.Arrays.stream(row).boxed().toList()));
        return new ParquetRows(layout.columns(), layout.types(), rows, layout.rowGroups());
    }

    /** Passes each row to {@code each} (the array is reused), returning the file's layout with no rows. */
    static ParquetRows scan(Path file, Consumer<long[]> each) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<String> columns = schema.getFields().stream().map(Type::getName).toList();
            List<PrimitiveTypeName> types = schema.getFields().stream()
                    .map(f -> f.asPrimitiveType().getPrimitiveTypeName()).toList();
            long[] row = new long[columns.size()];
            int groups = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                groups++;
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group g = records.read();
                    for (int c = 0; c < row.length; c++) {
                        row[c] = types.get(c) == PrimitiveTypeName.INT64 ? g.getLong(c, 0) : g.getInteger(c, 0);
                    }
                    each.accept(row);
                }
            }
            return new ParquetRows(columns, types, List.of(), groups);
        }
    }
}
