package org.virtguard.server.readiness;

import java.util.Map;

/**
 * What {@code GET /ready} reports: the cached state of each component by name ({@code store}, and whatever
 * the service adds: listeners, sources, buffered writes). Implementations answer from memory and never block
 * on the database or the network.
 */
public interface ReadinessView {

    /** Each component's current state, by name. */
    Map<String, ComponentStatus> components();
}
