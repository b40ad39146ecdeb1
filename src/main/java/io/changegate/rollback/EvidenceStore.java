package io.changegate.rollback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code changegate_evidence}: items are inserted once and never updated; each carries its SHA-256. Text items are
 * kept as they are, everything else as pretty-printed JSON.
 */
@Repository
public class EvidenceStore {

  static final int MAX_CONTENT = 900_000;

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public EvidenceStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  public boolean exists(String bundleId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_evidence WHERE bundle_id = ?").param(bundleId)
        .query(Long.class).single() > 0;
  }

  /** Stores the items (by name) as bundle {@code bundleId}, collected now. */
  public List<EvidenceItem> store(String bundleId, String changeId, Map<String, ?> items) {
    List<EvidenceItem> stored = new ArrayList<>();
    OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
    int number = 0;
    for (Map.Entry<String, ?> item : items.entrySet()) {
      String text = item.getValue() instanceof String plain ? plain : write(item.getValue());
      String content = text.length() <= MAX_CONTENT ? text : text.substring(0, MAX_CONTENT) + "\n…[truncated]";
      String hash = sha256(content);
      String mediaType = item.getKey().endsWith(".json") ? "application/json" : "text/plain";
      jdbc.sql("""
              INSERT INTO changegate_evidence (bundle_id, item_no, change_id, name, media_type, content, sha256,
                collected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(bundleId, ++number, changeId, item.getKey(), mediaType, content, hash, at)
          .update();
      stored.add(new EvidenceItem(item.getKey(), mediaType, hash, content.length(), content));
    }
    return stored;
  }

  public List<EvidenceBundle> ofChange(String changeId) {
    Map<String, List<EvidenceItem>> items = new LinkedHashMap<>();
    Map<String, Instant> collected = new LinkedHashMap<>();
    jdbc.sql("SELECT * FROM changegate_evidence WHERE change_id = ? ORDER BY collected_at, bundle_id, item_no")
        .param(changeId).query(rs -> {
          String bundle = rs.getString("bundle_id");
          collected.putIfAbsent(bundle, rs.getObject("collected_at", OffsetDateTime.class).toInstant());
          String content = rs.getString("content");
          items.computeIfAbsent(bundle, b -> new ArrayList<>()).add(new EvidenceItem(rs.getString("name"),
              rs.getString("media_type"), rs.getString("sha256"), content.length(), content));
        });
    List<EvidenceBundle> bundles = new ArrayList<>();
    items.forEach((bundle, list) -> bundles.add(new EvidenceBundle(bundle, changeId, collected.get(bundle), list)));
    return bundles;
  }

  private String write(Object value) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("evidence must be JSON-serialisable", e);
    }
  }

  public static String sha256(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
