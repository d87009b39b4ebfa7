package org.virtguard.response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.spi.VmAction;

/** Turns actions into the parameters stored with a request, and back, so an approved request runs exactly as planned. */
final class ActionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METHOD = "method";
    private static final String FILTER = "filter";

    private ActionCodec() {
    }

    static Map<String, String> parameters(VmAction action) {
        Map<String, String> p = new LinkedHashMap<>();
        switch (action) {
            case VmAction.Quarantine q -> p.put("network", q.network());
            case VmAction.Release r -> p.put("networksByMac", write(r.networksByMac()));
            case VmAction.PowerOff off -> { }
            case VmAction.RevertToSnapshot s -> p.put("snapshot", s.snapshotName());
            case VmAction.Redeploy d -> {
                p.put("template", d.templateName());
                p.put("networks", write(d.networks()));
                p.put("retiredName", d.retiredName());
            }
            case VmAction.FilterQuarantine f -> {
                p.put(METHOD, QuarantineMethod.NWFILTER.id());
                p.put(FILTER, f.filterName());
            }
            case VmAction.FilterRelease f -> {
                p.put(METHOD, QuarantineMethod.NWFILTER.id());
                p.put(FILTER, f.filterName());
            }
        }
        return p;
    }

    static VmAction action(String kind, String vmId, Map<String, String> p) {
        boolean byFilter = byFilter(p);
        return switch (ActionKind.parse(kind)) {
            case QUARANTINE -> byFilter ? new VmAction.FilterQuarantine(vmId, p.get(FILTER))
                    : new VmAction.Quarantine(vmId, p.get("network"));
            case RELEASE -> byFilter ? new VmAction.FilterRelease(vmId, p.get(FILTER))
                    : new VmAction.Release(vmId, read(p.get("networksByMac"), new TypeReference<>() { }));
            case POWER_OFF -> new VmAction.PowerOff(vmId);
            case REVERT_SNAPSHOT -> new VmAction.RevertToSnapshot(vmId, p.get("snapshot"));
            case REDEPLOY -> new VmAction.Redeploy(vmId, p.get("template"),
                    read(p.get("networks"), new TypeReference<List<String>>() { }), p.get("retiredName"));
        };
    }

    /** Whether stored parameters are those of a quarantine or release by nwfilter. */
    static boolean byFilter(Map<String, String> p) {
        return QuarantineMethod.NWFILTER.id().equals(p.get(METHOD));
    }

    /** The drop-all filter stored with a quarantine or release by nwfilter. */
    static String filter(Map<String, String> p) {
        return p.get(FILTER);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("corrupt stored action parameters: " + e.getOriginalMessage(), e);
        }
    }
}
