package io.changegate.delivery.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The raw sheet's write buffer hands on exactly what was written, across its 64k boundary, in UTF-8, and may be
 * closed twice.
 */
class SheetBufferTest {

  @Test
  void everyKindOfWriteArrivesInOrderAcrossTheBuffersBoundary() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    DoraWorkbook.SheetBuffer buffer = new DoraWorkbook.SheetBuffer(
        new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
    try {
      // a surrogate pair (𝄞) and umlauts land on the boundary of 65,536 characters at some point
      String piece = "<c r=\"A1\"><v>Müller 𝄞 ß</v></c>";
      for (int i = 0; i < 10_000; i++) {
        buffer.write(piece);
        buffer.write('\n');
        buffer.write(piece.toCharArray(), 3, 7);
        buffer.write(piece, 10, 5);
        expected.append(piece).append('\n').append(piece, 3, 10).append(piece, 10, 15);
      }
      String large = "x".repeat(200_000);
      buffer.write(large);
      expected.append(large);
      buffer.flush();
      assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
      buffer.write("end");
      expected.append("end");
    } finally {
      buffer.close();
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    // SXSSF closes it when it writes the workbook and again when it disposes of it: the second close does nothing
    buffer.close();
    assertThat(expected.length()).isGreaterThan(3 * 65_536);
  }
}
