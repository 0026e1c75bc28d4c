namespace Npvr.Funding.LocalHost.Tests.Functions;

public sealed class CommandLineTests
{
    [Fact]
    public void Without_switches_the_local_service_bus_listens_on_5672()
    {
        CommandLine parsed = CommandLine.Parse([])!;

        Assert.Equal((7071, 5672, null, false), (parsed.Port, parsed.ServiceBusPort, parsed.ServiceBusConnectionString, parsed.Help));
    }

    [Fact]
    public void Service_bus_switches_set_the_port_or_another_service_bus()
    {
        CommandLine port = CommandLine.Parse(["--servicebus-port", "5673", "--port", "7072"])!;
        CommandLine other = CommandLine.Parse(["--servicebus", "Endpoint=sb://127.0.0.1:5672;UseDevelopmentEmulator=true", "--fresh"])!;

        Assert.Equal((5673, 7072), (port.ServiceBusPort, port.Port));
        Assert.Equal("Endpoint=sb://127.0.0.1:5672;UseDevelopmentEmulator=true", other.ServiceBusConnectionString);
        Assert.True(other.Fresh);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_asked_for_and_not_an_error(string flag)
    {
        Assert.True(CommandLine.Parse(["--fresh", flag])!.Help);
        Assert.Contains("--servicebus-port", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("--servicebus ", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--servicebus-port")]
    [InlineData("--servicebus-port", "0")]
    [InlineData("--servicebus-port", "70000")]
    [InlineData("--servicebus")]
    [InlineData("--unknown")]
    public void Bad_switches_are_refused(params string[] args)
    {
        Assert.Null(CommandLine.Parse(args));
    }
}
