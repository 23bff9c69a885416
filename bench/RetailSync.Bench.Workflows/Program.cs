// Placeholder until issue #4 lands its benchmark.
Console.Error.WriteLine("benchmark 'workflows' is not built yet (issue #4)");
return 2;
