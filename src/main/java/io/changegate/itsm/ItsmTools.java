package io.changegate.itsm;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The ITSM adapter {@code changegate.itsm.adapter} names, checked at start: a name without its adapter fails it. */
@Component
public class ItsmTools {

  private final ItsmPort port;

  public ItsmTools(List<ItsmPort> adapters, ItsmProperties properties) {
    Map<String, ItsmPort> ports = new TreeMap<>();
    adapters.forEach(a -> ports.put(a.adapter(), a));
    this.port = ports.get(properties.adapter());
    if (port == null) {
      throw new IllegalStateException("changegate.itsm.adapter '" + properties.adapter()
          + "' is not one of the configured ITSM adapters " + ports.keySet()
          + " (servicenow needs changegate.itsm.servicenow.url, jira changegate.itsm.jira.url)");
    }
  }

  public ItsmPort port() {
    return port;
  }
}
