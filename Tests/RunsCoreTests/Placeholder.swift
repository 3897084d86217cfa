import Testing

@Test func RunsCoreTestsPlaceholder() {}
