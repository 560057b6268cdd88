package dev.turnloop.ingest.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent reporting that the task is done, as opposed to advice, offers, future steps and farewells. */
class SuccessConfirmationTest {

    private static boolean confirms(String raw) {
        return RawText.matches(Cues.SUCCESS_CONFIRMATION, raw);
    }

    @Test
    void reportsOfADoneTaskConfirmSuccess() {
        for (String text : List.of("Your table has been booked.", "Alarm was added to your list.",
                "Got it added for you.", "The transfer will take 1 day; I've put that through for you.",
                "You've reserved the tickets. Enjoy the show!", "You should get an email confirmation shortly.",
                "It's a pop song. Enjoy the song!", "Enjoy listening!", "I was able to rent the movie for 3 days.",
                "It has been added to your cart.")) {
            assertThat(confirms(text)).as(text).isTrue();
        }
    }

    @Test
    void adviceOffersFutureStepsAndFarewellsDoNot() {
        for (String text : List.of("Enjoy your trip!", "Have a great day and enjoy your visit.",
                "Would you like me to add it to your calendar?", "It will be added to your list once you confirm.",
                "Have you booked a table already?", "The flight is scheduled to depart at 5 pm.",
                "You can get a confirmation by email if you book it.")) {
            assertThat(confirms(text)).as(text).isFalse();
        }
    }
}
