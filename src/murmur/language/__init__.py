"""Clinical English and Spanish: the text helpers every engine shares."""
