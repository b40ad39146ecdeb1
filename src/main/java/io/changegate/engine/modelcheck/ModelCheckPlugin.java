package io.changegate.engine.modelcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * No code in models (docs/model-rules.md), in the engine itself: the model check runs inside every deployment
 * (a pre-deployer); expressions are evaluated by the {@link RestrictedExpressionManager} instead of the Spring
 * starter's, which resolved every Spring bean and called any method of any object; and no script engine runs.
 */
@Component
public class ModelCheckPlugin extends AbstractProcessEnginePlugin implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(ModelCheckPlugin.class);

  private final ListableBeanFactory beanFactory;
  private final CallableBeans beans = CallableBeans.scan();

  public ModelCheckPlugin(ListableBeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    restrictEvaluation(configuration, beans, beanFactory::getBean);
    List<Deployer> preDeployers = new ArrayList<>();
    if (configuration.getCustomPreDeployers() != null) {
      preDeployers.addAll(configuration.getCustomPreDeployers());
    }
    preDeployers.add(new ModelCheckDeployer(new ModelChecker(beans)));
    configuration.setCustomPreDeployers(preDeployers);
    LOG.info("Model check on: {} beans callable from models", beans.types().size());
  }

  /**
   * What the engine evaluates at run time, whatever a model says: expressions with the
   * {@link RestrictedExpressionManager}, scripts with no script engine at all. Called before the engine adds its
   * functions (currentUser(), now(), ...) and Spin its S(), JSON(), XML() to the expression manager.
   */
  public static void restrictEvaluation(ProcessEngineConfigurationImpl configuration, CallableBeans beans,
      Function<String, Object> beanLookup) {
    configuration.setExpressionManager(new RestrictedExpressionManager(beans, beanLookup));
    configuration.setScriptEngineResolver(new NoScriptEngines());
    configuration.setEnableFetchScriptEngineFromProcessApplication(false);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      throw new IllegalStateException("dmnFeelEnableLegacyBehavior must stay off: the legacy FEEL engine turns"
          + " FEEL into JUEL of its own, which the model check does not read");
    }
  }

  /** Every class marked callable from models is a bean of that name and type in the running application. */
  @Override
  public void afterSingletonsInstantiated() {
    List<String> wrong = new ArrayList<>();
    beans.types().forEach((name, type) -> {
      Class<?> actual = beanFactory.containsBean(name) ? beanFactory.getType(name) : null;
      if (actual == null || !type.isAssignableFrom(ClassUtils.getUserClass(actual))) {
        wrong.add(name + " (" + type.getName() + ")");
      }
    });
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("Classes marked @CallableFromModels that are not beans of that name: " + wrong);
    }
  }
}
