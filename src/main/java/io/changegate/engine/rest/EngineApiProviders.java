package io.changegate.engine.rest;

import java.util.Set;

/**
 * Changegate's additions to both engine APIs, {@code /engine-rest} ({@link EngineRestConfiguration}) and the
 * webapps' {@code /camunda/api/engine} ({@link WebappEngineApiConfiguration}), so that both answer alike: client
 * errors as 4xx ({@link EngineErrors}) and paging parameters checked ({@link PagingParameters}).
 */
final class EngineApiProviders {

  static final Set<Class<?>> CLASSES = Set.of(ClientErrorRestMapper.class, ClientErrorEngineMapper.class,
      ClientErrorMapper.class, PagingParameters.class);

  private EngineApiProviders() {}
}
