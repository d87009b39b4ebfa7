package org.virtguard.connector.vsphere.actions;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.SoapWriter;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.ErrorCode;
import org.w3c.dom.Element;

/** Starts vim25 tasks and waits for them, turning task errors into {@link ActionException}s. */
final class Tasks {

    private static final PropertyRequest TASK_INFO = new PropertyRequest("Task",
            List.of("info.state", "info.error", "info.result"));
    private static final long FIRST_POLL_MILLIS = 20;
    private static final long MAX_POLL_MILLIS = 1_000;

    private final Vim25Client client;
    private final Duration timeout;

    /** @param timeout the longest one task may run before the action is reported failed */
    Tasks(Vim25Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Calls a {@code *_Task} method on {@code target} and waits until the task ends.
     *
     * @param subject what the task acts on, for messages ({@code VM 'web01'})
     * @return the task's {@code info.result}, or {@code null}
     * @throws ActionException ACTION_FAILED (PERMISSION_DENIED when refused for lack of rights) naming the
     *                         subject and the task, with the server's message
     */
    Element run(String method, ManagedObjectRef target, String subject, Consumer<SoapWriter> arguments)
            throws ActionException, SoapFaultException, TransportException {
        ManagedObjectRef task;
        try {
            task = Xml.ref(client.call(method, target, arguments));
        } catch (SoapFaultException e) {
            if (e.is("NotAuthenticated") || e.is("InvalidLogin")) {
                throw e;
            }
            throw new ActionException(e.is("NoPermission") ? ErrorCode.PERMISSION_DENIED : ErrorCode.ACTION_FAILED,
                    method + " on " + subject + " refused: " + (e.faultType() == null ? "" : e.faultType() + ": ")
                            + e.getMessage());
        }
        if (task == null) {
            throw ActionException.failed(method + " on " + subject + ": the server returned no task");
        }
        return await(task, method, subject);
    }

    private Element await(ManagedObjectRef task, String method, String subject)
            throws ActionException, SoapFaultException, TransportException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            ObjectContent info = client.retrieveObjects(List.of(task), TASK_INFO).stream().findFirst().orElse(null);
            String state = info == null ? null : info.text("info.state");
            if ("success".equals(state)) {
                return info.get("info.result");
            }
            if ("error".equals(state)) {
                throw ActionException.failed(method + " on " + subject + " failed: " + describe(info.get("info.error")));
            }
            if (System.nanoTime() > deadline) {
                throw ActionException.failed(method + " on " + subject + " did not finish within "
                        + timeout.toSeconds() + " s (task " + task.value() + " may still be running)");
            }
            sleep(pause);
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }

    /** {@code <fault type>: <localized message>} of a {@code LocalizedMethodFault}, on one line. */
    static String describe(Element error) {
        String type = Xml.type(Xml.child(error, "fault"));
        String message = Xml.text(error, "localizedMessage");
        String text = (type == null ? "" : type + (message == null || message.isEmpty() ? "" : ": "))
                + (message == null ? "" : message);
        text = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (text.isEmpty()) {
            return "unknown error";
        }
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private static void sleep(long millis) throws ActionException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionException.failed("interrupted while waiting for a task");
        }
    }
}
