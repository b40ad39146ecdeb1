import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gate a pipeline runs (Java 17, one file, no dependency): posts the artifact's security scans, submits the change
 * with its commit, follows it on Changegate printing each timeline event, and exits 0 when the change completed (go),
 * 1 when it was refused (rejected, cancelled, failed, rolled back: the reason is printed) and 2 on any error (bad
 * input, credentials, network, a timeout). The token comes from CHANGEGATE_TOKEN (a service account's), never from
 * the command line.
 */
public final class ChangegateGate {

  static final int GO = 0;
  static final int REFUSED = 1;
  static final int ERROR = 2;
  static final Set<String> REFUSED_STATES = Set.of("REJECTED", "CANCELLED", "FAILED", "ROLLED_BACK");
  static final Set<String> REASONS = Set.of("SCAN_GATE_REFUSED", "PROMOTION_REFUSED", "REJECTED", "CANCELLED",
      "FAILED", "ROLLED_BACK", "DECISION", "VALIDATION_FAILED", "DEPLOYMENT_REFUSED", "ROLLBACK_REQUESTED");

  static final String USAGE = """
      Usage: changegate-gate --url URL --change FILE [options]
        --url URL              Changegate, e.g. https://changegate.example.com (or CHANGEGATE_URL)
        --change FILE          the change as JSON, as POST /api/changes takes it (artifact.digest is required)
        --scan sarif:FILE      a SARIF 2.1.0 log of the artifact (repeatable)
        --scan cyclonedx:FILE  a CycloneDX 1.5/1.6 JSON SBOM with vulnerabilities (repeatable)
        --commit SHA           the source commit (with --repository, --commit-time, --pipeline-url,
                               --configuration-revision): the change's "commit"
        --timeout DURATION     how long to wait for the verdict (ISO-8601, default PT60M)
        --interval DURATION    how often to ask (default PT5S)
      The token is read from CHANGEGATE_TOKEN. Exit: 0 go, 1 refused (reason printed), 2 error.
      """;

  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String url;
  private String token;

  ChangegateGate(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new ChangegateGate(System.out).run(args, System.getenv()));
  }

  int run(String[] args, Map<String, String> env) {
    try {
      return gate(args, env);
    } catch (Failure e) {
      out.println("changegate-gate: error: " + e.getMessage());
      return ERROR;
    } catch (IOException e) {
      out.println("changegate-gate: error: cannot reach Changegate: " + e);
      return ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("changegate-gate: error: interrupted");
      return ERROR;
    }
  }

  private int gate(String[] args, Map<String, String> env) throws IOException, InterruptedException {
    url = env.get("CHANGEGATE_URL");
    token = env.get("CHANGEGATE_TOKEN");
    String changeFile = null;
    List<String[]> scans = new ArrayList<>();
    Map<String, Object> commit = new LinkedHashMap<>();
    Duration timeout = Duration.ofMinutes(60);
    Duration interval = Duration.ofSeconds(5);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.print(USAGE);
        return ERROR;
      }
      if (i + 1 >= args.length) {
        throw new Failure(arg + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (arg) {
        case "--url" -> url = value;
        case "--change" -> changeFile = value;
        case "--scan" -> {
          int colon = value.indexOf(':');
          String kind = colon < 0 ? "" : value.substring(0, colon);
          if (!kind.equals("sarif") && !kind.equals("cyclonedx")) {
            throw new Failure("--scan takes sarif:FILE or cyclonedx:FILE, not " + value);
          }
          scans.add(new String[] {kind, value.substring(colon + 1)});
        }
        case "--commit" -> commit.put("sha", value);
        case "--repository" -> commit.put("repository", value);
        case "--commit-time" -> commit.put("time", value);
        case "--pipeline-url" -> commit.put("pipelineUrl", value);
        case "--configuration-revision" -> commit.put("configurationRevision", value);
        case "--timeout" -> timeout = duration(arg, value);
        case "--interval" -> interval = duration(arg, value);
        default -> throw new Failure("unknown option " + arg + "\n" + USAGE);
      }
    }
    if (url == null || url.isBlank() || changeFile == null) {
      throw new Failure("--url (or CHANGEGATE_URL) and --change are required\n" + USAGE);
    }
    if (token == null || token.isBlank()) {
      throw new Failure("CHANGEGATE_TOKEN is not set (a service account's token)");
    }
    url = url.replaceAll("/+$", "");
    Object parsed = Json.parse(read(changeFile));
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new Failure(changeFile + " is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> change = (Map<String, Object>) map;
    if (!commit.isEmpty()) {
      if (!commit.containsKey("time")) {
        commit.put("time", Instant.now().toString());
      }
      change.put("commit", commit);
    }
    Object digest = change.get("artifact") instanceof Map<?, ?> artifact ? artifact.get("digest") : null;
    if (!scans.isEmpty() && !(digest instanceof String)) {
      throw new Failure("the change has no artifact.digest to attach the scans to");
    }

    for (String[] scan : scans) {
      String type = scan[0].equals("sarif") ? "application/sarif+json" : "application/vnd.cyclonedx+json";
      HttpResponse<String> answer = send(request("/api/artifacts/" + URLEncoder.encode((String) digest,
          StandardCharsets.UTF_8).replace("%3A", ":") + "/scans").header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of(scan[1])))));
      if (answer.statusCode() != 201) {
        throw new Failure("the scan " + scan[1] + " was not accepted: " + problem(answer));
      }
      Map<?, ?> stored = object(answer.body());
      out.printf("scan %s: %s critical, %s high, %s medium, %s low, %s secrets (%s)%n", scan[1],
          stored.get("critical"), stored.get("high"), stored.get("medium"), stored.get("low"), stored.get("secrets"),
          stored.get("tool"));
    }

    HttpResponse<String> submitted = send(request("/api/changes").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(change))));
    if (submitted.statusCode() != 201) {
      throw new Failure("the change was not accepted: " + problem(submitted));
    }
    Map<?, ?> view = object(submitted.body());
    String id = String.valueOf(view.get("id"));
    out.printf("change %s submitted: %s%s%n", id, view.get("type"),
        view.get("classificationReason") == null ? "" : " (" + view.get("classificationReason") + ")");

    Instant deadline = Instant.now().plus(timeout);
    int shown = 0;
    String status = null;
    int failures = 0;
    while (true) {
      HttpResponse<String> answer;
      try {
        answer = send(request("/api/changes/" + id).GET());
      } catch (IOException e) {
        if (++failures > 5) {
          throw e;
        }
        Thread.sleep(interval.toMillis());
        continue;
      }
      if (answer.statusCode() != 200) {
        throw new Failure("cannot read " + id + ": " + problem(answer));
      }
      failures = 0;
      view = object(answer.body());
      List<?> timeline = view.get("timeline") instanceof List<?> list ? list : List.of();
      for (; shown < timeline.size(); shown++) {
        out.println("  " + line(timeline.get(shown)));
      }
      String now = String.valueOf(view.get("status"));
      if (!now.equals(status)) {
        status = now;
        out.println(id + " is " + status + waiting(view));
      }
      if (status.equals("COMPLETED")) {
        out.println("GO: " + id + " completed");
        return GO;
      }
      if (REFUSED_STATES.contains(status)) {
        out.println("REFUSED: " + id + " is " + status + ": " + reason(timeline, status));
        return REFUSED;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new Failure(id + " is still " + status + " after " + timeout + waiting(view));
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String waiting(Map<?, ?> view) {
    Object waitingFor = view.get("waitingFor");
    if (waitingFor instanceof Map<?, ?> map && map.get("description") != null) {
      return " (waiting for " + map.get("description") + ")";
    }
    return waitingFor instanceof String text && !text.isBlank() ? " (waiting for " + text + ")" : "";
  }

  /** One timeline entry: time, event, actor and what its details say in short. */
  private static String line(Object entry) {
    if (!(entry instanceof Map<?, ?> map)) {
      return String.valueOf(entry);
    }
    StringBuilder text = new StringBuilder().append(map.get("time")).append(' ').append(map.get("event"))
        .append(" by ").append(map.get("actor"));
    if (map.get("details") instanceof Map<?, ?> details) {
      for (String key : List.of("verdict", "reason", "decision", "comment", "status", "target")) {
        if (details.get(key) != null && !String.valueOf(details.get(key)).isBlank()) {
          text.append(' ').append(key).append('=').append(details.get(key));
        }
      }
    }
    return text.toString();
  }

  /** Why the change was refused: the latest timeline entry that gives a reason or a comment. */
  static String reason(List<?> timeline, String status) {
    for (int i = timeline.size() - 1; i >= 0; i--) {
      if (timeline.get(i) instanceof Map<?, ?> entry && REASONS.contains(String.valueOf(entry.get("event")))
          && entry.get("details") instanceof Map<?, ?> details) {
        for (String key : List.of("reason", "comment")) {
          Object value = details.get(key);
          if (value != null && !String.valueOf(value).isBlank()) {
            return String.valueOf(value);
          }
        }
      }
    }
    return "no reason recorded (status " + status + ")";
  }

  private static String problem(HttpResponse<String> answer) {
    String body = answer.body() == null ? "" : answer.body();
    try {
      Map<?, ?> problem = object(body);
      StringBuilder text = new StringBuilder().append(answer.statusCode()).append(' ')
          .append(problem.get("detail") != null ? problem.get("detail") : problem.get("title"));
      if (problem.get("errors") instanceof List<?> errors) {
        for (Object error : errors) {
          if (error instanceof Map<?, ?> e) {
            text.append("\n  ").append(e.get("field")).append(": ").append(e.get("message"));
          }
        }
      }
      return text.toString();
    } catch (Failure e) {
      return answer.statusCode() + " " + (body.length() > 500 ? body.substring(0, 500) : body);
    }
  }

  private static Map<?, ?> object(String json) {
    Object value = Json.parse(json);
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new Failure("not a JSON object: " + json);
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new Failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Duration duration(String option, String value) {
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new Failure(option + " takes an ISO-8601 duration such as PT30M, not " + value);
    }
  }

  /** An error the gate reports and exits 2 for. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message);
    }
  }

  /** Just enough JSON: objects (insertion-ordered), arrays, strings, numbers, booleans, null. */
  static final class Json {
    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    static Object parse(String text) {
      Json json = new Json(text == null ? "" : text);
      json.space();
      Object value = json.value();
      json.space();
      if (json.at != json.text.length()) {
        throw new Failure("unexpected text after JSON at " + json.at);
      }
      return value;
    }

    private Object value() {
      if (at >= text.length()) {
        throw new Failure("JSON ends early");
      }
      char c = text.charAt(at);
      switch (c) {
        case '{' -> {
          Map<String, Object> map = new LinkedHashMap<>();
          at++;
          space();
          if (peek('}')) {
            return map;
          }
          do {
            space();
            String key = string();
            space();
            expect(':');
            space();
            map.put(key, value());
            space();
          } while (peek(','));
          expect('}');
          return map;
        }
        case '[' -> {
          List<Object> list = new ArrayList<>();
          at++;
          space();
          if (peek(']')) {
            return list;
          }
          do {
            space();
            list.add(value());
            space();
          } while (peek(','));
          expect(']');
          return list;
        }
        case '"' -> {
          return string();
        }
        default -> {
          for (String word : List.of("true", "false", "null")) {
            if (text.startsWith(word, at)) {
              at += word.length();
              return word.equals("null") ? null : Boolean.valueOf(word);
            }
          }
          int start = at;
          while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
          }
          if (start == at) {
            throw new Failure("not JSON at " + at);
          }
          String number = text.substring(start, at);
          return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (at < text.length() && text.charAt(at) != '"') {
        char c = text.charAt(at++);
        if (c == '\\') {
          char e = text.charAt(at++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
              at += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      expect('"');
      return out.toString();
    }

    private void space() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private boolean peek(char c) {
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw new Failure("JSON: expected '" + c + "' at " + at);
      }
    }

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(String.valueOf(e.getKey()), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      } else if (value instanceof String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
          switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
              if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
              } else {
                out.append(c);
              }
            }
          }
        }
        out.append('"');
      } else {
        out.append(value);
      }
    }
  }
}
