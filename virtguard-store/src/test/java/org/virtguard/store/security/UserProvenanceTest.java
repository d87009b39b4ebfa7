package org.virtguard.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

/** Who created and last changed each account, and admin grants, on H2 and PostgreSQL (migration V14). */
class UserProvenanceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @DatabaseTest
    void creationRoleChangesAndEnablingRecordWhoDidItButDisablingAndOldCallsDoNot(Store store) {
        UserRepository users = store.security().users();
        users.create("root", Role.ADMIN, "h", T0);
        users.create("op", Role.OPERATOR, "h", T0.plusSeconds(1), "root");

        assertThat(users.provenance("root").orElseThrow().createdBy()).isNull();
        UserProvenance op = users.provenance("op").orElseThrow();
        assertThat(op.createdBy()).isEqualTo("root");
        assertThat(op.changedBy()).isNull();
        assertThat(op.createdAt()).isEqualTo(T0.plusSeconds(1));

        users.setRole("op", Role.VIEWER, "carol", T0.plusSeconds(2));
        assertThat(users.provenance("op").orElseThrow().changedBy()).isEqualTo("carol");
        assertThat(users.provenance("op").orElseThrow().changedAt()).isEqualTo(T0.plusSeconds(2));
        users.setDisabled("op", true, "dave", T0.plusSeconds(3));
        assertThat(users.provenance("op").orElseThrow().changedBy()).as("disabling gives no control")
                .isEqualTo("carol");
        users.setDisabled("op", false, "erin", T0.plusSeconds(4));
        assertThat(users.provenance("op").orElseThrow().changedBy()).isEqualTo("erin");
        assertThat(users.provenance("op").orElseThrow().disabled()).isFalse();
        users.recordChange("op", "frank", T0.plusSeconds(5));
        assertThat(users.provenance("op").orElseThrow().madeBy("FRANK")).isTrue();
        assertThat(users.enabledAdmins()).extracting(UserProvenance::username).containsExactly("root");
    }

    @DatabaseTest
    void aGrantIsDecidedOnceAndForgetsItsPasswordHash(Store store) {
        AdminGrantRepository grants = store.security().adminGrants();
        long id = grants.create(AdminGrant.Kind.CREATE, "newadmin", "$argon2id$secret", "root", T0,
                T0.plus(Duration.ofDays(3)), AdminGrant.Status.PENDING);

        AdminGrant pending = grants.find(id).orElseThrow();
        assertThat(pending.passwordHash()).isEqualTo("$argon2id$secret");
        assertThat(pending.toString()).doesNotContain("argon2id");
        assertThat(grants.pendingFor("NewAdmin")).isTrue();
        assertThat(grants.decide(id, AdminGrant.Status.APPROVED, "carol", "ok", T0.plusSeconds(60))).isTrue();
        assertThat(grants.decide(id, AdminGrant.Status.REJECTED, "dave", "no", T0.plusSeconds(61))).isFalse();

        AdminGrant decided = grants.find(id).orElseThrow();
        assertThat(decided.status()).isEqualTo(AdminGrant.Status.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo("carol");
        assertThat(decided.passwordHash()).isNull();
        assertThat(grants.pendingFor("newadmin")).isFalse();
        assertThat(grants.list(true, 10)).isEmpty();
        assertThat(grants.list(false, 10)).hasSize(1);
    }

    @DatabaseTest
    void theRuleRefusesEveryWayOnePersonCouldBeTwo(Store store) {
        UserRepository users = store.security().users();
        users.create("alice", Role.ADMIN, "h", T0);
        users.create("bob", Role.ADMIN, "h", T0);
        users.create("puppet", Role.ADMIN, "h", T0.plusSeconds(5), "alice");
        users.create("helper", Role.OPERATOR, "h", T0.plusSeconds(5), "bob");
        users.create("late", Role.ADMIN, "h", T0.plusSeconds(100));
        users.create("off", Role.ADMIN, "h", T0);
        users.setDisabled("off", true);
        Instant requested = T0.plusSeconds(50);

        assertThat(TwoPersonRule.refusal(users.provenance("bob").orElseThrow(), "alice",
                users.provenance("alice"), requested)).isEmpty();
        assertThat(TwoPersonRule.refusal(users.provenance("alice").orElseThrow(), "alice",
                users.provenance("alice"), requested)).get().asString().contains("own request");
        assertThat(TwoPersonRule.refusal(users.provenance("puppet").orElseThrow(), "alice",
                users.provenance("alice"), requested)).get().asString().contains("created or last changed by");
        assertThat(TwoPersonRule.refusal(users.provenance("bob").orElseThrow(), "helper",
                users.provenance("helper"), requested)).get().asString().contains("requester's account");
        assertThat(TwoPersonRule.refusal(users.provenance("late").orElseThrow(), "alice",
                users.provenance("alice"), requested)).get().asString().contains("created after the request");
        assertThat(TwoPersonRule.refusal(users.provenance("off").orElseThrow(), "alice",
                users.provenance("alice"), requested)).get().asString().contains("enabled admin");
        assertThat(TwoPersonRule.refusal(null, "alice", Optional.empty(), requested)).isPresent();
        assertThat(TwoPersonRule.refusal(users.provenance("bob").orElseThrow(), "policy:flow.portscan",
                Optional.empty(), requested)).as("a trigger's request").isEmpty();
    }
}
