using RetailSync.Demo;

return await DemoRunner.RunAsync(args);
