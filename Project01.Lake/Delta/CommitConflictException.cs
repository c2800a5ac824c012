namespace Project01.Lake.Delta;

/// <summary>Another writer kept winning the race for the next log version.</summary>
public sealed class CommitConflictException(string table, int attempts)
    : Exception($"table '{table}': gave up committing after {attempts} conflicting attempts");

/// <summary>Data whose schema does not fit the table's; nothing was written.</summary>
public sealed class SchemaMismatchException(string table, string details)
    : Exception($"table '{table}': incompatible schema, nothing written: {details}");
