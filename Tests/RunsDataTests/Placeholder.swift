import Testing

@Test func RunsDataTestsPlaceholder() {}
