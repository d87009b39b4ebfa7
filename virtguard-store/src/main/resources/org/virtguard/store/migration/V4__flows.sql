-- Per-minute traffic edges between VMs and between zones, aggregated from NetFlow/IPFIX/sFlow.
-- Counters are renormalised by the exporter's sampling interval. Rows older than the retention are deleted.
CREATE TABLE flow_edge (
    minute_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    edge_kind      VARCHAR(8)               NOT NULL,
    from_name      VARCHAR(512)             NOT NULL,
    to_name        VARCHAR(512)             NOT NULL,
    east_west      BOOLEAN                  NOT NULL,
    flows          BIGINT                   NOT NULL,
    packets        BIGINT                   NOT NULL,
    bytes          BIGINT                   NOT NULL,
    PRIMARY KEY (minute_start, edge_kind, from_name, to_name, east_west)
);
CREATE INDEX flow_edge_kind_minute ON flow_edge (edge_kind, minute_start);
