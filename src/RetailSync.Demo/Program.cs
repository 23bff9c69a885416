// Placeholder until issue #2 lands the demo.
Console.Error.WriteLine("the demo is not built yet (issue #2)");
return 2;
