"""What the pages call: notebook glue, the ledger, robustness, the reviewers' and teachers' pages.
Imports the core and the chapters, nothing above."""
