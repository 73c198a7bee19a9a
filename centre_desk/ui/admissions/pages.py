"""The wizard's pages, built when first needed: the first page is on screen before the others exist.

The wizard opens with only the page it shows; the others are built one per turn of the event loop after the first
paint (`build_next`), or at once when something asks for them (`pages[i]`, iteration, the payload).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from centre_desk.ui.admissions.fields import WizardPage


class LazyPages:
    """Pages made by `factories`; `on_built(index, page)` runs once for each, right after it is made."""

    def __init__(
        self, factories: Sequence[Callable[[], WizardPage]], on_built: Callable[[int, WizardPage], None]
    ) -> None:
        self._factories = list(factories)
        self._pages: list[WizardPage | None] = [None] * len(self._factories)
        self._on_built = on_built

    def __len__(self) -> int:
        return len(self._factories)

    def __getitem__(self, index: int) -> WizardPage:
        if index < 0:
            index += len(self)
        page = self._pages[index]
        if page is None:
            page = self._factories[index]()
            self._pages[index] = page
            self._on_built(index, page)
        return page

    def __iter__(self) -> Iterator[WizardPage]:
        return (self[index] for index in range(len(self)))

    def is_built(self, index: int) -> bool:
        return self._pages[index] is not None

    def built(self) -> list[tuple[int, WizardPage]]:
        """The pages made so far, with their index (nothing is built by asking)."""
        return [(index, page) for index, page in enumerate(self._pages) if page is not None]

    def build_next(self) -> bool:
        """Build the first page not built yet; whether any is left to build after it."""
        missing = [index for index, page in enumerate(self._pages) if page is None]
        if missing:
            self[missing[0]]
        return len(missing) > 1
