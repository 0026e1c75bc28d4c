using Npvr.Funding.Hosting;
using Npvr.Funding.Registration;

await FunctionAppHost.RunAsync(new RegistrationApp(), args);
