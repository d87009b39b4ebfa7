package org.virtguard.cli.respond;

import java.util.HashMap;
import java.util.Map;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A decision on one pending action: its number and a note for the audit log. */
abstract class DecisionCommand extends ResponseSession {

    @Parameters(index = "0", paramLabel = "ID", description = "The action's number.")
    long id;

    @Option(names = "--note", paramLabel = "TEXT", description = "Note for the audit log.")
    String note;

    /** The API's request body: the note, if any. */
    Map<String, String> body() {
        Map<String, String> body = new HashMap<>();
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }
}
