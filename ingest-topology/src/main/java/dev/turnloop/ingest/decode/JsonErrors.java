package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/**
 * Describes why Jackson rejected some bytes without repeating Jackson's own message, which can quote the offending
 * token and so leak conversation text into a dead-letter header.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(IOException error) {
        String message = String.valueOf(error.getMessage());
        String what;
        if (error instanceof JsonEOFException) {
            what = "JSON ends early (truncated record?)";
        } else if (message.contains("UTF-8") || message.contains("UTF8")) {
            what = "bytes are not valid UTF-8";
        } else if (message.startsWith("Duplicate field")) {
            what = "JSON object has a duplicate field";
        } else if (message.startsWith("Trailing token")) {
            what = "trailing data after the JSON value";
        } else {
            what = "not valid JSON";
        }
        if (error instanceof JsonProcessingException processing && processing.getLocation() != null) {
            JsonLocation at = processing.getLocation();
            what += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return what;
    }
}
