-- Indexes for the console's and the API's server-side lists (sorted, filtered, paged in the database) and for a
-- VM's timeline: VMs by power state, vNICs by MAC (search), alerts by status and recency and by source VM,
-- audit entries by actor and action, response actions by request time, flow edges by endpoint.
CREATE INDEX inv_vm_power ON inv_vm (power_state, name);
CREATE INDEX inv_nic_mac ON inv_nic (mac);
CREATE INDEX alert_status_last_seen ON alert (status, last_seen);
CREATE INDEX alert_source_vm ON alert (source_vm_id, last_seen);
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
CREATE INDEX audit_entry_action ON audit_entry (action, seq);
CREATE INDEX response_action_requested ON response_action (requested_at);
CREATE INDEX flow_edge_from ON flow_edge (edge_kind, from_name, minute_start);
CREATE INDEX flow_edge_to ON flow_edge (edge_kind, to_name, minute_start);
