package org.virtguard.response;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How VirtGuard may respond: the quarantine network of each source, the clean snapshot to revert to, the
 * golden templates to redeploy from, how long an approval request stays open, and which alerts trigger
 * which action. Loaded and validated by {@link ResponsePolicyLoader} before anything runs.
 *
 * @param origin             the file it came from, for messages
 * @param quarantineNetwork  the default quarantine network or port group, or {@code null}
 * @param quarantineBySource quarantine network per source id, overriding the default
 * @param approvalWindow     how long a request may wait for approval before it expires
 * @param revertSnapshot     the name of the clean snapshot {@code revert-snapshot} goes back to, or {@code null}
 * @param templates          golden templates by VM name glob, first match wins
 * @param triggers           alert kinds that trigger actions
 * @param quarantineMethod   how a quarantine cuts a VM off by default ({@link QuarantineMethod#NETWORK} when unset)
 * @param methodBySource     quarantine method per source id, overriding the default
 * @param quarantineFilter   the drop-all nwfilter of {@link QuarantineMethod#NWFILTER}
 *                           ({@link QuarantineMethod#DEFAULT_FILTER} when unset)
 */
public record ResponsePolicy(String origin, String quarantineNetwork, Map<String, String> quarantineBySource,
                             Duration approvalWindow, String revertSnapshot, List<TemplateRule> templates,
                             List<Trigger> triggers, QuarantineMethod quarantineMethod,
                             Map<String, QuarantineMethod> methodBySource, String quarantineFilter) {

    /** The default approval window: 4 hours. */
    public static final Duration DEFAULT_APPROVAL_WINDOW = Duration.ofHours(4);

    public ResponsePolicy {
        quarantineBySource = Map.copyOf(quarantineBySource == null ? Map.of() : quarantineBySource);
        templates = List.copyOf(templates == null ? List.of() : templates);
        triggers = List.copyOf(triggers == null ? List.of() : triggers);
        approvalWindow = approvalWindow == null ? DEFAULT_APPROVAL_WINDOW : approvalWindow;
        quarantineMethod = quarantineMethod == null ? QuarantineMethod.NETWORK : quarantineMethod;
        methodBySource = Map.copyOf(methodBySource == null ? Map.of() : methodBySource);
        quarantineFilter = quarantineFilter == null ? QuarantineMethod.DEFAULT_FILTER : quarantineFilter;
    }

    /** A policy whose quarantines move vNICs to a network ({@link QuarantineMethod#NETWORK}) everywhere. */
    public ResponsePolicy(String origin, String quarantineNetwork, Map<String, String> quarantineBySource,
                          Duration approvalWindow, String revertSnapshot, List<TemplateRule> templates,
                          List<Trigger> triggers) {
        this(origin, quarantineNetwork, quarantineBySource, approvalWindow, revertSnapshot, templates, triggers,
                QuarantineMethod.NETWORK, Map.of(), null);
    }

    /** No policy: alert-only everywhere, and actions need every parameter given explicitly. */
    public static ResponsePolicy none() {
        return new ResponsePolicy("(none)", null, Map.of(), DEFAULT_APPROVAL_WINDOW, null, List.of(), List.of());
    }

    public Optional<String> quarantineNetwork(String sourceId) {
        return Optional.ofNullable(quarantineBySource.getOrDefault(sourceId, quarantineNetwork));
    }

    /** The quarantine method for VMs of this source: its own, else the default. */
    public QuarantineMethod quarantineMethod(String sourceId) {
        return methodBySource.getOrDefault(sourceId, quarantineMethod);
    }

    public Optional<String> templateFor(String vmName) {
        return templates.stream().filter(t -> t.matches(vmName)).map(TemplateRule::template).findFirst();
    }

    /** The triggers for an alert kind, in file order. */
    public List<Trigger> triggersFor(String alertKind) {
        return triggers.stream().filter(t -> t.alertKind().equals(alertKind)).toList();
    }
}
