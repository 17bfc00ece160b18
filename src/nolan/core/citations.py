"""Citations: every rule Nolan applies names the council paragraph it implements. Kept in core with
Decision, which carries one for each reason; the protocols room parses the texts they point into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Citation:
    """A paragraph of a council's protocol, cited as council + paragraph ("Haringey 7.03")."""

    council: str
    paragraph: str
    heading: str = ""

    def __str__(self) -> str:
        text = f"{self.council} {self.paragraph}"
        return f"{text}, {self.heading}" if self.heading else text

    def as_dict(self) -> dict[str, str]:
        return {
            "council": self.council,
            "paragraph": self.paragraph,
            "heading": self.heading,
            "text": str(self),
        }
