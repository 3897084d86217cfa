import Testing

@Test func RunsUITestsPlaceholder() {}
