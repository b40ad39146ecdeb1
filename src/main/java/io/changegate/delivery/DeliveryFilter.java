package io.changegate.delivery;

/** Which deployments a report covers: one service, team and environment each, or all (null). */
public record DeliveryFilter(String service, String team, String environment) {}
