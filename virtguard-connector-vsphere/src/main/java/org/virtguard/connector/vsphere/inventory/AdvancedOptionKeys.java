package org.virtguard.connector.vsphere.inventory;

import java.util.List;

/** The ESXi advanced options hardening guides check; recorded as NOT_COLLECTED when the options cannot be read. */
final class AdvancedOptionKeys {

    static final List<String> HARDENING = List.of("Security.AccountLockFailures", "Security.AccountUnlockTime",
            "UserVars.ESXiShellInteractiveTimeOut", "UserVars.ESXiShellTimeOut", "UserVars.DcuiTimeOut",
            "Net.BMCNetworkEnable", "Net.BlockGuestBPDU", "Net.DVFilterBindIpAddress", "Mem.ShareForceSalting",
            "Mem.MemEagerZero", "Config.HostAgent.plugins.solo.enableMob", "Syslog.global.logHost", "DCUI.Access",
            "Config.HostAgent.log.level", "Security.PasswordQualityControl", "UserVars.SuppressShellWarning");

    private AdvancedOptionKeys() {
    }
}
