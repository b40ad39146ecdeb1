package io.changegate.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a message reaches: the members of groups and single users, with the e-mail address of their Changegate
 * (Camunda identity) profile, less those who opted out of e-mail ({@code changegate_notification_optout}).
 */
@Component
public class Recipients {

  /** A person and the address their e-mail goes to. */
  public record Person(String id, String email) {}

  private final IdentityService identity;
  private final JdbcClient jdbc;

  Recipients(IdentityService identity, JdbcClient jdbc) {
    this.identity = identity;
    this.jdbc = jdbc;
  }

  /** The members of {@code groups} who have an address and want e-mail, each once. */
  public List<Person> emailOfGroups(Collection<String> groups) {
    Map<String, Person> people = new LinkedHashMap<>();
    for (String group : groups) {
      for (User user : identity.createUserQuery().memberOfGroup(group).list()) {
        people.putIfAbsent(user.getId(), new Person(user.getId(), user.getEmail()));
      }
    }
    return wanting(people.values());
  }

  /** The users, by id, who have an address and want e-mail. */
  public List<Person> emailOfUsers(Collection<String> users) {
    Map<String, Person> people = new LinkedHashMap<>();
    for (String id : users) {
      User user = identity.createUserQuery().userId(id).singleResult();
      if (user != null) {
        people.putIfAbsent(id, new Person(id, user.getEmail()));
      }
    }
    return wanting(people.values());
  }

  public boolean optedOut(String user, String channel) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_notification_optout WHERE user_id = ? AND channel = ?")
        .params(user, channel).query(Long.class).single() > 0;
  }

  /** The user's choice for a channel: {@code wanted} false records the opt-out, true removes it. */
  public void choose(String user, String channel, boolean wanted) {
    jdbc.sql("DELETE FROM changegate_notification_optout WHERE user_id = ? AND channel = ?").params(user, channel)
        .update();
    if (!wanted) {
      jdbc.sql("INSERT INTO changegate_notification_optout (user_id, channel) VALUES (?, ?)").params(user, channel)
          .update();
    }
  }

  private List<Person> wanting(Collection<Person> people) {
    List<Person> wanting = new ArrayList<>();
    for (Person person : people) {
      if (person.email() != null && !person.email().isBlank() && !optedOut(person.id(), Channel.EMAIL)) {
        wanting.add(person);
      }
    }
    return wanting;
  }
}
