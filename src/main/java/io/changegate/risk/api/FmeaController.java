package io.changegate.risk.api;

import io.changegate.risk.FmeaPreview;
import io.changegate.risk.FmeaService;
import io.changegate.risk.FmeaWorkbook;
import io.changegate.risk.WorkbookTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The FMEA worksheet of a change in Excel (docs/names.md): {@code GET /api/changes/{id}/fmea.xlsx} for anyone who
 * may read the change (the worksheet, or an empty template), {@code PUT /api/changes/{id}/fmea} for its
 * requester while the worksheet is open for editing.
 */
@RestController
@RequestMapping("/api/changes/{id}")
class FmeaController {

  private final FmeaService fmea;

  FmeaController(FmeaService fmea) {
    this.fmea = fmea;
  }

  @GetMapping("/fmea.xlsx")
  ResponseEntity<byte[]> download(@PathVariable String id) {
    byte[] workbook = fmea.workbook(id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(FmeaWorkbook.CONTENT_TYPE))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(id + "-fmea.xlsx").build().toString())
        .body(workbook);
  }

  @PutMapping(value = "/fmea", consumes = {FmeaWorkbook.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM_VALUE},
      produces = MediaType.APPLICATION_JSON_VALUE)
  FmeaPreview upload(@PathVariable String id, HttpServletRequest request, Authentication user) throws IOException {
    fmea.editableWorksheetTask(id, user.getName());
    byte[] body = readAtMost(request, FmeaWorkbook.MAX_BYTES);
    return fmea.upload(id, body, user.getName());
  }

  /** The body, refused unread (or as soon as it passes the limit) when it is bigger than {@code limit}. */
  private static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
    String tooLarge = "The workbook is larger than " + (limit / (1024 * 1024)) + " MB; an FMEA worksheet is far smaller";
    if (request.getContentLengthLong() > limit) {
      throw new WorkbookTooLargeException(tooLarge);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (out.size() + n > limit) {
          throw new WorkbookTooLargeException(tooLarge);
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }
}
