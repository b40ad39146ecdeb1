package io.changegate.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring {@code @Component} (with an explicit or default bean name) that BPMN and DMN models may
 * call: {@code ${changeStatus.set(execution, 'DEPLOYING')}} or, for a delegate, {@code ${loadTarget}}.
 *
 * <p>Only marked beans are visible to expressions, and only their public methods declared by Changegate's own
 * classes may be called (see {@code io.changegate.engine.modelcheck}). Every public method of a marked bean is
 * callable by anyone who may deploy a model, so keep them thin: read the execution or task, call one service,
 * write the result. {@code docs/model-rules.md} lists them (a test keeps the list complete).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CallableFromModels {}
