package org.virtguard.store.testdb;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.virtguard.store.Store;

/**
 * Runs each {@link DatabaseTest} on H2 and on PostgreSQL. Without a PostgreSQL server the PostgreSQL runs
 * are skipped with a loud message, or fail when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
final class Databases implements TestTemplateInvocationContextProvider {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Optional<PostgresServer> server = PostgresServer.fromEnvironment();
        return Stream.of(
                invocation("H2", H2Database::new, ctx -> ConditionEvaluationResult.enabled("always")),
                invocation("PostgreSQL", () -> new PostgresDatabase(server.orElseThrow(
                                () -> new IllegalStateException(PostgresServer.REQUIRED_MESSAGE))),
                        ctx -> postgresCondition(server)));
    }

    private static ConditionEvaluationResult postgresCondition(Optional<PostgresServer> server) {
        if (server.isPresent() || PostgresServer.required()) {
            return ConditionEvaluationResult.enabled("PostgreSQL available or required");
        }
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("""

                    !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                    !! %s
                    !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                    """.formatted(PostgresServer.SKIP_MESSAGE));
        }
        return ConditionEvaluationResult.disabled(PostgresServer.SKIP_MESSAGE);
    }

    private static TestTemplateInvocationContext invocation(String name, DatabaseFactory factory,
                                                            ExecutionCondition condition) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + name + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(condition, new Resolver(factory));
            }
        };
    }

    /** Creates a test database; may throw when its server is missing. */
    @FunctionalInterface
    private interface DatabaseFactory {
        TestDatabase create() throws Exception;
    }

    /** Hands each test its database, and a store opened on it. */
    private record Resolver(DatabaseFactory factory) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == TestDatabase.class || type == Store.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            TestDatabase db = context.getStore(ExtensionContext.Namespace.create(Databases.class))
                    .getOrComputeIfAbsent("db", key -> create(), TestDatabase.class);
            return parameter.getParameter().getType() == Store.class ? db.open() : db;
        }

        private TestDatabase create() {
            try {
                return factory.create();
            } catch (Exception e) {
                throw new ParameterResolutionException(e.getMessage(), e);
            }
        }
    }
}
