"""The content folder `hubgen init` writes: package data, not code.

Tokens like @TODAY@ and @TODAY+30@ are replaced with dates when it is copied,
so a fresh folder never starts with overdue milestones or a stale update.
"""
