package io.changegate.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a delegate that calls a system outside Changegate's database. Every BPMN service task that uses
 * such a delegate must be {@code asyncBefore} with a retry cycle (checked by the model conformance test),
 * and the call must be idempotent: a job can run twice after a crash.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CallsOut {}
