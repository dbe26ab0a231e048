@testable import RuleEngine
