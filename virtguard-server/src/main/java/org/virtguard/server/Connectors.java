package org.virtguard.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTP or HTTPS listener of the settings, shared by the server and the standby server. */
final class Connectors {

    private Connectors() {
    }

    static ServerConnector connector(ServerSettings settings, Server server, HttpConfiguration http) {
        ServerConnector connector;
        if (settings.tls() == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(settings.tls().keystore().toAbsolutePath().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(new String(settings.tls().password()));
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        }
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        return connector;
    }
}
