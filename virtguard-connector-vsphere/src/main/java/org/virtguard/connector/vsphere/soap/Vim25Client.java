package org.virtguard.connector.vsphere.soap;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.virtguard.model.ErrorCode;
import org.w3c.dom.Element;

/**
 * A lean vim25 client: the handful of calls VirtGuard needs, written in WSDL element order. A call that fails
 * with {@code NotAuthenticated} (an expired session) logs in again once and is retried.
 */
public final class Vim25Client implements AutoCloseable {

    /** The objects retrieved per page of {@code RetrievePropertiesEx}. */
    public static final int PAGE_SIZE = 500;
    /** The most pages followed for one retrieval: bounds a misbehaving server. */
    public static final int MAX_PAGES = 10_000;
    /** The most events read in one query. */
    public static final int MAX_EVENTS = 10_000;
    /** Events read per {@code ReadNextEvents} call. */
    public static final int EVENT_PAGE = 500;

    private static final ManagedObjectRef SERVICE_INSTANCE = new ManagedObjectRef("ServiceInstance", "ServiceInstance");

    private final SoapTransport transport;
    private final Login login;
    private ServiceContent content;
    private volatile boolean loggedIn;

    /** Supplies a login: called again when the session expired. */
    @FunctionalInterface
    public interface Login {
        /** Logs in through {@code client.login(user, password)}. */
        void perform(Vim25Client client) throws SoapFaultException, TransportException;
    }

    public Vim25Client(SoapTransport transport, Login login) {
        this.transport = transport;
        this.login = login;
    }

    /** Reads the service content and logs in. */
    public ServiceContent connect() throws SoapFaultException, TransportException {
        Element r = transport.call("RetrieveServiceContent",
                new SoapWriter("RetrieveServiceContent", SERVICE_INSTANCE).build());
        Element about = Xml.child(r, "about");
        content = new ServiceContent(Xml.ref(Xml.child(r, "rootFolder")), Xml.ref(Xml.child(r, "propertyCollector")),
                Xml.ref(Xml.child(r, "viewManager")), Xml.ref(Xml.child(r, "sessionManager")),
                Xml.ref(Xml.child(r, "eventManager")), Xml.ref(Xml.child(r, "searchIndex")),
                Xml.text(about, "name"), Xml.text(about, "version"), Xml.text(about, "build"),
                Xml.text(about, "apiVersion"), Xml.text(about, "apiType"), Xml.text(about, "instanceUuid"),
                Xml.ref(Xml.child(r, "customFieldsManager")));
        if (content.rootFolder() == null || content.propertyCollector() == null) {
            throw new TransportException(ErrorCode.INVALID_INPUT, "the server at " + transport.endpoint()
                    + " did not describe a vSphere API (no root folder or property collector)", null);
        }
        transport.useApiVersion(content.apiVersion());
        login.perform(this);
        return content;
    }

    /** The service content read by {@link #connect()}. */
    public ServiceContent content() {
        return content;
    }

    /** {@code SessionManager.Login}. The password is written into the request only. */
    public void login(String user, char[] password) throws SoapFaultException, TransportException {
        String body = new SoapWriter("Login", content.sessionManager()).text("userName", user)
                .secret("password", password).build();
        transport.call("Login", body);
        loggedIn = true;
    }

    /** {@code SessionManager.Logout}; failures are ignored. */
    public void logout() {
        if (!loggedIn || content == null) {
            return;
        }
        loggedIn = false;
        try {
            transport.call("Logout", new SoapWriter("Logout", content.sessionManager()).build(), Duration.ofSeconds(5));
        } catch (SoapFaultException | TransportException ignored) {
            // the session ends with the connection anyway
        }
    }

    /** {@code CurrentTime}: keeps the session alive. */
    public Instant currentTime() throws SoapFaultException, TransportException {
        Element r = invoke("CurrentTime", () -> new SoapWriter("CurrentTime", SERVICE_INSTANCE).build(), null);
        return parseInstant(Xml.text(r));
    }

    /**
     * Issues any call on {@code target}; {@code arguments} appends the parameters after {@code _this} in WSDL order
     * (escaped by {@link SoapWriter}). Used for the calls that change VMs ({@code ReconfigVM_Task},
     * {@code PowerOffVM_Task}, ...). An expired session is renewed and the call sent again once.
     *
     * @return the {@code returnval} element, or the response element when the call returns nothing
     */
    public Element call(String method, ManagedObjectRef target, Consumer<SoapWriter> arguments)
            throws SoapFaultException, TransportException {
        return invoke(method, () -> {
            SoapWriter w = new SoapWriter(method, target);
            arguments.accept(w);
            return w.build();
        }, null);
    }

    /** {@code ViewManager.CreateContainerView} over the root folder, recursive. */
    public ManagedObjectRef createContainerView(List<String> types) throws SoapFaultException, TransportException {
        Element r = invoke("CreateContainerView", () -> {
            SoapWriter w = new SoapWriter("CreateContainerView", content.viewManager()).ref("container", content.rootFolder());
            types.forEach(t -> w.text("type", t));
            return w.text("recursive", "true").build();
        }, null);
        return Xml.ref(r);
    }

    /** {@code DestroyView}; failures are ignored. */
    public void destroyView(ManagedObjectRef view) {
        try {
            invoke("DestroyView", () -> new SoapWriter("DestroyView", view).build(), null);
        } catch (SoapFaultException | TransportException ignored) {
            // views die with the session
        }
    }

    /**
     * Reads properties of every object in a container view, page by page
     * ({@code RetrievePropertiesEx} then {@code ContinueRetrievePropertiesEx}).
     */
    public void retrieveFromView(ManagedObjectRef view, List<PropertyRequest> requests, Consumer<ObjectContent> sink)
            throws SoapFaultException, TransportException {
        retrieve(requests, w -> {
            w.open("objectSet", null).ref("obj", view).text("skip", "true")
                    .open("selectSet", "TraversalSpec").text("name", "view").text("type", "ContainerView")
                    .text("path", "view").text("skip", "false").close("selectSet").close("objectSet");
        }, sink);
    }

    /** Reads properties of the given objects (all of the request's type). */
    public List<ObjectContent> retrieveObjects(List<ManagedObjectRef> objects, PropertyRequest request)
            throws SoapFaultException, TransportException {
        List<ObjectContent> out = new ArrayList<>();
        if (objects.isEmpty()) {
            return out;
        }
        retrieve(List.of(request), w -> {
            for (ManagedObjectRef o : objects) {
                w.open("objectSet", null).ref("obj", o).text("skip", "false").close("objectSet");
            }
        }, out::add);
        return out;
    }

    private void retrieve(List<PropertyRequest> requests, Consumer<SoapWriter> objectSets, Consumer<ObjectContent> sink)
            throws SoapFaultException, TransportException {
        Element r = invoke("RetrievePropertiesEx", () -> {
            SoapWriter w = new SoapWriter("RetrievePropertiesEx", content.propertyCollector()).open("specSet", null);
            requests.forEach(p -> p.write(w));
            objectSets.accept(w);
            w.text("reportMissingObjectsInResults", "false").close("specSet")
                    .open("options", null).text("maxObjects", Integer.toString(PAGE_SIZE)).close("options");
            return w.build();
        }, null);
        int pages = 0;
        while (r != null && pages++ < MAX_PAGES) {
            for (Element oc : Xml.children(r, "objects")) {
                sink.accept(ObjectContents.parse(oc));
            }
            String token = Xml.text(Xml.child(r, "token"));
            if (token == null || token.isEmpty()) {
                return;
            }
            String body = new SoapWriter("ContinueRetrievePropertiesEx", content.propertyCollector())
                    .text("token", token).build();
            r = transport.call("ContinueRetrievePropertiesEx", body);
        }
    }

    /** {@code CreatePropertyCollector}: a collector of its own for a change feed. */
    public ManagedObjectRef createPropertyCollector() throws SoapFaultException, TransportException {
        return Xml.ref(invoke("CreatePropertyCollector",
                () -> new SoapWriter("CreatePropertyCollector", content.propertyCollector()).build(), null));
    }

    /** {@code DestroyPropertyCollector}; failures are ignored. */
    public void destroyPropertyCollector(ManagedObjectRef collector) {
        try {
            transport.call("DestroyPropertyCollector",
                    new SoapWriter("DestroyPropertyCollector", collector).build(), Duration.ofSeconds(5));
        } catch (SoapFaultException | TransportException ignored) {
            // collectors die with the session
        }
    }

    /** {@code CreateFilter} on a collector, watching the given properties of every object in a view. */
    public ManagedObjectRef createFilter(ManagedObjectRef collector, ManagedObjectRef view, List<PropertyRequest> requests)
            throws SoapFaultException, TransportException {
        return Xml.ref(invoke("CreateFilter", () -> {
            SoapWriter w = new SoapWriter("CreateFilter", collector).open("spec", null);
            requests.forEach(p -> p.write(w));
            w.open("objectSet", null).ref("obj", view).text("skip", "true")
                    .open("selectSet", "TraversalSpec").text("name", "view").text("type", "ContainerView")
                    .text("path", "view").text("skip", "false").close("selectSet").close("objectSet")
                    .close("spec").text("partialUpdates", "false");
            return w.build();
        }, null));
    }

    /**
     * {@code WaitForUpdatesEx}: waits up to {@code maxWaitSeconds} for changes after {@code version}.
     *
     * @return the changes, or {@code null} when the wait ended without any
     */
    public UpdateSet waitForUpdates(ManagedObjectRef collector, String version, int maxWaitSeconds)
            throws SoapFaultException, TransportException {
        String body = new SoapWriter("WaitForUpdatesEx", collector).text("version", version)
                .open("options", null).text("maxWaitSeconds", Integer.toString(maxWaitSeconds)).close("options").build();
        Element r = transport.call("WaitForUpdatesEx", body, Duration.ofSeconds(maxWaitSeconds + 60L));
        if (r == null || "WaitForUpdatesExResponse".equals(Xml.localName(r))) {
            return null;
        }
        List<ObjectUpdate> updates = new ArrayList<>();
        for (Element fs : Xml.children(r, "filterSet")) {
            for (Element ou : Xml.children(fs, "objectSet")) {
                List<PropertyChange> changes = new ArrayList<>();
                for (Element c : Xml.children(ou, "changeSet")) {
                    changes.add(new PropertyChange(Xml.text(c, "name"), Xml.text(c, "op"), Xml.child(c, "val")));
                }
                updates.add(new ObjectUpdate(Xml.text(ou, "kind"), Xml.ref(Xml.child(ou, "obj")), changes));
            }
        }
        return new UpdateSet(Xml.text(r, "version"), updates, Boolean.TRUE.equals(Xml.bool(r, "truncated")));
    }

    /** {@code SearchIndex.FindByUuid} for a VM's instance UUID; {@code null} when there is none. */
    public ManagedObjectRef findVmByInstanceUuid(String instanceUuid) throws SoapFaultException, TransportException {
        Element r = invoke("FindByUuid", () -> new SoapWriter("FindByUuid", content.searchIndex())
                .text("uuid", instanceUuid).text("vmSearch", "true").text("instanceUuid", "true").build(), null);
        return "FindByUuidResponse".equals(Xml.localName(r)) ? null : Xml.ref(r);
    }

    /**
     * {@code EventManager.QueryEvents}, newest first, restricted to the given event types (all when empty).
     *
     * @param maxCount how many to return at most (bounded by {@link #MAX_EVENTS})
     */
    public List<VsphereEvent> queryEvents(List<String> eventTypes, Instant since, int maxCount)
            throws SoapFaultException, TransportException {
        int limit = Math.max(1, Math.min(maxCount, MAX_EVENTS));
        Element r = invoke("QueryEvents", () -> {
            SoapWriter w = new SoapWriter("QueryEvents", content.eventManager()).open("filter", null);
            if (since != null) {
                w.open("time", null).text("beginTime", since.toString()).close("time");
            }
            eventTypes.forEach(t -> w.text("eventTypeId", t));
            w.text("maxCount", Integer.toString(limit));
            return w.close("filter").build();
        }, null);
        List<VsphereEvent> events = new ArrayList<>();
        Element response = r.getParentNode() instanceof Element p && "QueryEventsResponse".equals(Xml.localName(p))
                ? p : r;
        for (Element e : Xml.children(response, "returnval")) {
            if (events.size() >= limit) {
                break;
            }
            events.add(parseEvent(e));
        }
        return events;
    }

    /**
     * Reads the event history through an {@code EventHistoryCollector} ({@code CreateCollectorForEvents}, then
     * {@code ReadNextEvents} page by page after a rewind), so more than one page of events can be read.
     *
     * @param maxCount how many to return at most (bounded by {@link #MAX_EVENTS})
     */
    public List<VsphereEvent> readEventHistory(List<String> eventTypes, Instant since, int maxCount)
            throws SoapFaultException, TransportException {
        int limit = Math.max(1, Math.min(maxCount, MAX_EVENTS));
        ManagedObjectRef collector = Xml.ref(invoke("CreateCollectorForEvents", () -> {
            SoapWriter w = new SoapWriter("CreateCollectorForEvents", content.eventManager()).open("filter", null);
            if (since != null) {
                w.open("time", null).text("beginTime", since.toString()).close("time");
            }
            eventTypes.forEach(t -> w.text("eventTypeId", t));
            return w.text("maxCount", Integer.toString(Math.min(limit, 1000))).close("filter").build();
        }, null));
        List<VsphereEvent> events = new ArrayList<>();
        try {
            transport.call("RewindCollector", new SoapWriter("RewindCollector", collector).build());
            while (events.size() < limit) {
                int page = Math.min(EVENT_PAGE, limit - events.size());
                Element r = transport.call("ReadNextEvents", new SoapWriter("ReadNextEvents", collector)
                        .text("maxCount", Integer.toString(page)).build());
                Element response = r.getParentNode() instanceof Element p
                        && "ReadNextEventsResponse".equals(Xml.localName(p)) ? p : r;
                List<Element> batch = Xml.children(response, "returnval");
                batch.forEach(e -> events.add(parseEvent(e)));
                if (batch.size() < page) {
                    break;
                }
            }
        } finally {
            try {
                transport.call("DestroyCollector", new SoapWriter("DestroyCollector", collector).build(),
                        Duration.ofSeconds(5));
            } catch (SoapFaultException | TransportException ignored) {
                // collectors die with the session
            }
        }
        return events.size() > limit ? events.subList(0, limit) : events;
    }

    private VsphereEvent parseEvent(Element e) {
        Long key = Xml.number(e, "key");
        return new VsphereEvent(key == null ? -1 : key, Xml.type(e), parseInstant(Xml.text(e, "createdTime")),
                emptyToNull(Xml.text(e, "userName")), Xml.ref(Xml.path(e, "vm.vm")), Xml.text(e, "vm.name"),
                Xml.ref(Xml.path(e, "host.host")), Xml.text(e, "fullFormattedMessage"), Xml.text(e, "ipAddress"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Instant parseInstant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Element invoke(String method, BodySupplier body, Duration timeout)
            throws SoapFaultException, TransportException {
        try {
            return timeout == null ? transport.call(method, body.get()) : transport.call(method, body.get(), timeout);
        } catch (SoapFaultException e) {
            if (!e.is("NotAuthenticated")) {
                throw e;
            }
            login.perform(this);
            return timeout == null ? transport.call(method, body.get()) : transport.call(method, body.get(), timeout);
        }
    }

    @FunctionalInterface
    private interface BodySupplier {
        String get();
    }

    /** Logs out and releases the HTTP client. */
    @Override
    public void close() {
        logout();
        transport.close();
    }

    @Override
    public String toString() {
        return "Vim25Client[" + transport.endpoint() + "]";
    }
}
