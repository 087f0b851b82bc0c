"""The participant survey template: the structure of the anonymous survey of January 2019 described in seed 004
(“What difference the work made and what we learnt from the experience”, Tables 1 and 2), in our own words.

Seed 004 reports strengths under five of the programme's aims (a catalyst for change, new networks, inspiration
from the US exchange, the process itself, the academic partner) and areas for development under three headings
(going beyond the council, making the work last, the national policy context). Each becomes a section here with
an agreement question, a question about what worked and one about what could be better.
"""

from .models import QuestionKind

A, T = QuestionKind.AGREEMENT, QuestionKind.TEXT

TEMPLATE = {
    "title": "Participant survey: how the programme met its aims",
    "introduction": (
        "This survey is anonymous. Your answers are stored without your name, your place, or the time you "
        "answered, and results are shown only once at least five people have answered. Comments are read by a "
        "facilitator, who removes anything that could identify you before they are shown. "
        "Source of the structure: seed 004, the phase one learning report (Tables 1 and 2)."
    ),
    "aims": [
        {
            "aim": "The programme sped up change in our place",
            "questions": [
                {"text": "The programme was a catalyst for change in how our place includes newcomers.", "kind": A},
                {"text": "What changed because of the programme?", "kind": T},
                {"text": "What would have helped it change more?", "kind": T},
            ],
        },
        {
            "aim": "The programme built new networks",
            "questions": [
                {"text": "I can turn to officers in other places for advice and support.", "kind": A},
                {
                    "text": "Which parts of the network were most useful to you?",
                    "kind": QuestionKind.MULTIPLE,
                    "choices": "Working-group meetings\nLearning exchange visits\nLearning partnerships\n"
                    "Discussion threads\nSupport from the facilitators",
                },
                {"text": "How could the network work better for you?", "kind": T},
            ],
        },
        {
            "aim": "We took ideas from places abroad",
            "questions": [
                {"text": "The international exchange gave us ideas we have used.", "kind": A},
                {"text": "Which idea from abroad have you used, and how?", "kind": T},
            ],
        },
        {
            "aim": "The programme's process helped",
            "questions": [
                {"text": "The pace and steps of the action planning process suited our place.", "kind": A},
                {
                    "text": "Which part of the process helped most?",
                    "kind": QuestionKind.SINGLE,
                    "choices": "The baseline\nThe taskforce\nThe action plan template\nSign-off and publication",
                },
            ],
        },
        {
            "aim": "Working with an academic partner added value",
            "questions": [
                {"text": "Research and evidence from the academic partner informed our decisions.", "kind": A},
                {"text": "What did the academic partner add, or what was missing?", "kind": T},
            ],
        },
        {
            "aim": "Going beyond the council",
            "questions": [
                {"text": "Partners outside the council took a real share of the work.", "kind": A},
                {"text": "What made it hard to involve partners, such as employers?", "kind": T},
            ],
        },
        {
            "aim": "Making the work last",
            "questions": [
                {"text": "The work is becoming part of how services are run, with the resources it needs.", "kind": A},
                {"text": "What stands in the way of the work lasting?", "kind": T},
            ],
        },
        {
            "aim": "Working within national policy",
            "questions": [
                {"text": "National policy leaves us room to act on our plan.", "kind": A},
                {"text": "Which national rules or changes have made the work harder?", "kind": T},
            ],
        },
    ],
}
