package io.changegate.engine.rest;

import java.util.Set;

/**
 * Changegate's additions to every JAX-RS application of Camunda: {@code /engine-rest}
 * ({@link EngineRestConfiguration}) and the webapps' APIs under {@code /camunda/api} — engine, Cockpit, Admin,
 * Tasklist, Welcome ({@link WebappApisConfiguration}) — so that all answer alike: client errors as 4xx
 * ({@link EngineErrors}), paging parameters checked ({@link PagingParameters}) and one JSON mapper per application
 * ({@link SharedObjectMapper}). A provider that must hold on every Camunda API is added here.
 */
public final class CamundaApiProviders {

  public static final Set<Class<?>> CLASSES = Set.of(ClientErrorRestMapper.class, ClientErrorEngineMapper.class,
      ClientErrorMapper.class, PagingParameters.class, SharedObjectMapper.class);

  private CamundaApiProviders() {}
}
