package org.virtguard.store.testdb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once on embedded H2 and once on PostgreSQL, each time on an empty, freshly migrated
 * database. Test methods may take a {@link org.virtguard.store.Store} (opened for them and closed after)
 * and/or a {@link TestDatabase}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(Databases.class)
public @interface DatabaseTest {
}
