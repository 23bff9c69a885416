// Placeholder until issue #2 lands its benchmark.
Console.Error.WriteLine("benchmark 'ingest' is not built yet (issue #2)");
return 2;
