package org.virtguard.exposure.vmware;

/**
 * Whether an ESXi or vCenter build is affected by a CVE, and why.
 *
 * @param status       the verdict
 * @param reason       for people: what decided it
 * @param fixedRelease what to install, or {@code null} when unknown
 * @param running      the running release for people, e.g. {@code ESXi 6.5 Update 1 (build 5969303, 2017-07-27)}
 * @param basis        what the verdict rests on: {@code description}, {@code cpe} or {@code build-table}
 */
public record VmwareJudgement(Status status, String reason, String fixedRelease, String running, String basis) {

    /** The verdict. */
    public enum Status { AFFECTED, NOT_AFFECTED, UNDETERMINED }
}
