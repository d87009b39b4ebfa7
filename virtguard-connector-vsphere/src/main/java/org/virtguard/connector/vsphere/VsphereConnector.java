package org.virtguard.connector.vsphere;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.connector.vsphere.inventory.InventoryReader;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.SoapTransport;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.VsphereEvent;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmActuator;

/**
 * Reads a vCenter or standalone ESXi host. Connects on first use; a session that expired is renewed
 * transparently. {@link #collect()} either returns a complete snapshot or throws, so a connection dropped mid-sync
 * never yields a partial inventory.
 */
public final class VsphereConnector implements InventoryConnector {

    private static final Logger LOG = LoggerFactory.getLogger(VsphereConnector.class);

    private final SourceSpec source;
    private final VsphereSource target;
    private final Credentials credentials;
    private final ConnectorSettings settings;
    private final List<LiveFeed> feeds = new ArrayList<>();
    private Vim25Client client;
    private InventoryReader reader;
    private boolean closed;

    public VsphereConnector(SourceSpec source, VsphereSource target, Credentials credentials, ConnectorSettings settings) {
        this.source = source;
        this.target = target;
        this.credentials = credentials;
        this.settings = settings;
    }

    @Override
    public SourceSpec source() {
        return source;
    }

    @Override
    public synchronized InventorySnapshot collect() throws ConnectorException {
        InventoryReader r = connected();
        List<CollectionWarning> warnings = new ArrayList<>();
        if (target.tls().insecureMode()) {
            warnings.add(new CollectionWarning("source " + source.id(), ErrorCode.TLS_VERIFICATION_FAILED,
                    "TLS certificate verification is disabled for " + target.endpoint().getHost()
                            + "; anyone on the path can read the session and the password"));
        }
        try {
            return r.collect(warnings);
        } catch (SoapFaultException e) {
            throw Faults.of(source.id(), "collecting the inventory", e);
        } catch (TransportException e) {
            dropSession();
            throw Faults.of(source.id(), "collecting the inventory", e);
        } catch (LoginCredentialFailure e) {
            throw e.cause;
        } catch (RuntimeException e) {
            throw new ConnectorException(ErrorCode.INTERNAL, source.id(), "vSphere source " + source.id()
                    + ": unexpected error while collecting: " + e, e);
        }
    }

    @Override
    public synchronized Optional<VirtualMachine> collectVm(String vmId) throws ConnectorException {
        InventoryReader r = connected();
        try {
            return r.collectVm(vmId);
        } catch (SoapFaultException e) {
            throw Faults.of(source.id(), "reading VM " + vmId, e);
        } catch (TransportException e) {
            dropSession();
            throw Faults.of(source.id(), "reading VM " + vmId, e);
        } catch (LoginCredentialFailure e) {
            throw e.cause;
        }
    }

    /**
     * Reads the security-relevant events (migrations and relocations, power changes, reconfigurations, VMs created
     * and removed, logins, logouts and bad user names) since an instant.
     *
     * @param since    the earliest event time, or {@code null} for the server's whole history
     * @param maxCount the most events returned
     */
    public synchronized List<VsphereEvent> events(Instant since, int maxCount) throws ConnectorException {
        connected();
        try {
            return client.readEventHistory(SecurityEvents.TYPES, since, maxCount);
        } catch (SoapFaultException e) {
            throw Faults.of(source.id(), "reading events", e);
        } catch (TransportException e) {
            dropSession();
            throw Faults.of(source.id(), "reading events", e);
        } catch (LoginCredentialFailure e) {
            throw e.cause;
        }
    }

    @Override
    public synchronized Optional<LiveFeed> watch(InventoryChangeListener listener) throws ConnectorException {
        ensureOpen();
        VsphereLiveFeed feed = new VsphereLiveFeed(source.id(), this::openClient, listener, settings);
        feeds.add(feed);
        feed.start();
        return Optional.of(feed);
    }

    /** The actuator working through this connector's session; tasks may run six call timeouts. */
    @Override
    public Optional<VmActuator> actuator() {
        return Optional.of(new VsphereActuator(this, settings.callTimeout().multipliedBy(6)));
    }

    /** Work done with the logged-in client by the actuator. */
    @FunctionalInterface
    interface ClientWork<T> {
        T apply(Vim25Client client) throws ConnectorException, SoapFaultException, TransportException;
    }

    /**
     * Runs work with this connector's client, serialised with collections; server faults and lost connections
     * become {@link ConnectorException}s and a lost connection drops the session.
     */
    synchronized <T> T withClient(String during, ClientWork<T> work) throws ConnectorException {
        connected();
        try {
            return work.apply(client);
        } catch (SoapFaultException e) {
            throw Faults.of(source.id(), during, e);
        } catch (TransportException e) {
            dropSession();
            throw Faults.of(source.id(), during, e);
        } catch (ConnectorException e) {
            if (e.getCause() instanceof TransportException) {
                dropSession();
            }
            throw e;
        } catch (LoginCredentialFailure e) {
            throw e.cause;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feeds.forEach(LiveFeed::close);
        feeds.clear();
        dropSession();
    }

    private InventoryReader connected() throws ConnectorException {
        ensureOpen();
        if (reader == null) {
            client = openClient();
            reader = new InventoryReader(client, source.id(), settings.clock());
        }
        return reader;
    }

    private void ensureOpen() throws ConnectorException {
        if (closed) {
            throw new ConnectorException(ErrorCode.INVALID_SOURCE, source.id(), "vSphere source " + source.id()
                    + " is closed");
        }
    }

    /** Opens a new logged-in client. Used for collections and, separately, by each live feed. */
    Vim25Client openClient() throws ConnectorException {
        if (target.tls().insecureMode()) {
            LOG.warn("vSphere source {}: TLS certificate verification is DISABLED (insecure); use thumbprint or ca-file",
                    source.id());
        }
        String user = target.user() != null ? target.user() : credentials.username().orElse(null);
        if (user == null) {
            throw new ConnectorException(ErrorCode.CREDENTIAL_UNAVAILABLE, source.id(), "vSphere source " + source.id()
                    + ": no user name; give it in the URI (vsphere://user@host) or the source credentials");
        }
        SoapTransport transport;
        try {
            transport = new SoapTransport(target.endpoint(), "6.5", target.tls(), settings.connectTimeout(),
                    settings.callTimeout());
        } catch (TransportException e) {
            throw Faults.of(source.id(), "setting up the connection", e);
        }
        Vim25Client c = new Vim25Client(transport, cl -> login(cl, user));
        try {
            c.connect();
            return c;
        } catch (SoapFaultException e) {
            c.close();
            throw Faults.of(source.id(), "logging in to " + target.endpoint().getHost() + " as " + user, e);
        } catch (TransportException e) {
            c.close();
            throw Faults.of(source.id(), "connecting", e);
        } catch (LoginCredentialFailure e) {
            c.close();
            throw e.cause;
        }
    }

    private void login(Vim25Client c, String user) throws SoapFaultException, TransportException {
        char[] password;
        try {
            password = credentials.password().orElse(null);
        } catch (ConnectorException e) {
            throw new LoginCredentialFailure(e);
        }
        if (password == null) {
            throw new LoginCredentialFailure(new ConnectorException(ErrorCode.CREDENTIAL_UNAVAILABLE, source.id(),
                    "vSphere source " + source.id() + ": no password configured (use a password environment variable "
                            + "or file)"));
        }
        try {
            c.login(user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void dropSession() {
        if (client != null) {
            client.close();
        }
        client = null;
        reader = null;
    }

    /** Carries a credential failure out of the login callback. */
    private static final class LoginCredentialFailure extends RuntimeException {
        private final ConnectorException cause;

        LoginCredentialFailure(ConnectorException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }
}
