-- Host ids now come from the hypervisor (libvirt: a confirmed host UUID, else the host name libvirt reports;
-- vSphere: vCenter instance UUID + host moref) instead of following the source id. A sync that finds a host
-- under a new id while the store holds it under an id the connector names as previous (host setting
-- host.identity.previous-ids) moves the stored host, its networks, filters, VMs, change log, findings, policy
-- exceptions and alerts to the new id instead of recording a new host. One row per id that was re-keyed, so that
-- the old id can still be resolved and the move is on record.
CREATE TABLE inv_host_alias (
    old_id     VARCHAR(1024)            NOT NULL PRIMARY KEY,
    host_id    VARCHAR(1024)            NOT NULL,
    rekeyed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inv_host_alias_host ON inv_host_alias (host_id);
