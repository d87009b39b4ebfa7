package org.virtguard.policy.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.virtguard.model.Severity;

/**
 * A check as written in its YAML file: metadata for people and auditors plus the rule.
 *
 * @param id                 the check id, equal to its file name without {@code .yaml}
 * @param title              one line for people
 * @param severity           severity of a failure
 * @param resourceType       what it evaluates
 * @param hypervisors        platforms it applies to ({@code vsphere}, {@code libvirt}); others are NOT_APPLICABLE
 * @param description        what is checked
 * @param risk               why a failure matters
 * @param remediation        how to fix it, by tool ({@code vsphere-ui}, {@code powercli}, {@code esxcli},
 *                           {@code virsh}, {@code domain-xml}, ...)
 * @param references         links and documents
 * @param frameworks         framework name to control ids ({@code disa-stig}, {@code vmware-scg}, {@code cis-esxi-8},
 *                           {@code pci-dss-4.0}, {@code pci-virtualization})
 * @param parameters         parameter defaults, visible to the rule as {@code params}
 * @param applies            optional CEL expression; false means NOT_APPLICABLE
 * @param rule               CEL expression, true when compliant; {@code null} when {@link #javaClass} is set
 * @param javaClass          a {@link JavaRule} class name for rules that cannot be one expression
 * @param evidence           name to CEL expression, evaluated for the finding's evidence
 * @param requiresZonePolicy whether the check needs a zone policy (NOT_APPLICABLE without one)
 * @param origin             where it was loaded from, for messages
 */
public record CheckDefinition(String id, String title, Severity severity, ResourceType resourceType,
                              Set<String> hypervisors, String description, String risk,
                              Map<String, String> remediation, List<String> references,
                              Map<String, List<String>> frameworks, Map<String, Object> parameters,
                              String applies, String rule, String javaClass, Map<String, String> evidence,
                              boolean requiresZonePolicy, String origin) {
    public CheckDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(resourceType, "resourceType");
        hypervisors = Set.copyOf(hypervisors == null ? Set.of() : hypervisors);
        remediation = Map.copyOf(remediation == null ? Map.of() : remediation);
        references = List.copyOf(references == null ? List.of() : references);
        frameworks = Map.copyOf(frameworks == null ? Map.of() : frameworks);
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        evidence = Map.copyOf(evidence == null ? Map.of() : evidence);
    }

    /** The framework ids as {@code framework:id} strings, sorted. */
    public List<String> frameworkIds() {
        return frameworks.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + ":" + v))
                .sorted().toList();
    }
}
