"""Pure domain knowledge: vocabularies, the data contract, periods and clocks. No I/O."""
