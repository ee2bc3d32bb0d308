package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineVersionRequest;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineVersionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachineAliasesRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachineAliasesResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.PublishStateMachineVersionRequest;
import software.amazon.awssdk.services.sfn.model.PublishStateMachineVersionResponse;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineAliasRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineAliasResponse;

/**
 * Versions and aliases of state machines: PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion and the alias operations, with AWS's checks and messages.
 */
final class VersionOperations {

  /** AWS's rule for alias names: letters, digits, {@code _ - .}, and not only digits. */
  static final String ALIAS_NAME = "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";

  private final StepFunctionsEngine engine;

  private VersionOperations(StepFunctionsEngine engine) {
    this.engine = engine;
  }

  static void register(AwsService.Builder service, StepFunctionsEngine engine) {
    VersionOperations ops = new VersionOperations(engine);
    service
        .operation(
            "PublishStateMachineVersion", PublishStateMachineVersionRequest::builder, ops::publish)
        .operation(
            "ListStateMachineVersions", ListStateMachineVersionsRequest::builder, ops::versions)
        .operation(
            "DeleteStateMachineVersion",
            DeleteStateMachineVersionRequest::builder,
            ops::deleteVersion)
        .operation(
            "CreateStateMachineAlias", CreateStateMachineAliasRequest::builder, ops::createAlias)
        .operation(
            "UpdateStateMachineAlias", UpdateStateMachineAliasRequest::builder, ops::updateAlias)
        .operation(
            "DescribeStateMachineAlias",
            DescribeStateMachineAliasRequest::builder,
            ops::describeAlias)
        .operation("ListStateMachineAliases", ListStateMachineAliasesRequest::builder, ops::aliases)
        .operation(
            "DeleteStateMachineAlias", DeleteStateMachineAliasRequest::builder, ops::deleteAlias);
  }

  /** The check CreateStateMachine and UpdateStateMachine make of {@code versionDescription}. */
  static void checkVersionDescription(Boolean publish, String versionDescription) {
    new ModelViolations().length("versionDescription", versionDescription, 0, 256).throwIfAny();
    if (versionDescription != null && !Boolean.TRUE.equals(publish)) {
      throw StepFunctionsErrors.validation(
          "Version description can only be set when publish is true");
    }
  }

  // ---- versions

  private PublishStateMachineVersionResponse publish(
      PublishStateMachineVersionRequest request, RequestContext context) {
    new ModelViolations()
        .length("description", request.description(), 0, 256)
        .required("stateMachineArn", request.stateMachineArn())
        .throwIfAny();
    StateMachine machine = engine.machineByArn(request.stateMachineArn());
    MachineVersions.Version version =
        engine.publish(machine, request.revisionId(), request.description());
    return PublishStateMachineVersionResponse.builder()
        .creationDate(version.created())
        .stateMachineVersionArn(version.arn())
        .build();
  }

  private ListStateMachineVersionsResponse versions(
      ListStateMachineVersionsRequest request, RequestContext context) {
    listChecks(request.maxResults(), request.nextToken());
    StateMachine machine = engine.machineByArn(request.stateMachineArn());
    List<StateMachineVersionListItem> items = new ArrayList<>();
    for (MachineVersions.Version version : machine.versions.versions()) {
      items.add(
          StateMachineVersionListItem.builder()
              .stateMachineVersionArn(version.arn())
              .creationDate(version.created())
              .build());
    }
    StepFunctionsOperations.Page<StateMachineVersionListItem> page =
        StepFunctionsOperations.Page.of(items, request.maxResults(), request.nextToken());
    return ListStateMachineVersionsResponse.builder()
        .stateMachineVersions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private DeleteStateMachineVersionResponse deleteVersion(
      DeleteStateMachineVersionRequest request, RequestContext context) {
    String arn = request.stateMachineVersionArn();
    StepFunctionsEngine.checkArn(arn, "stateMachine");
    String[] split = MachineVersions.split(arn);
    if (!MachineVersions.isVersionQualifier(split[1])) {
      // Guess: AWS refuses a non-version ARN here, in the words of its ARN checks.
      throw StepFunctionsErrors.invalidArn("Invalid ARN: " + arn);
    }
    StateMachine machine = engine.findMachine(split[0]);
    Integer number = MachineVersions.parseNumber(split[1]);
    if (machine == null || number == null) {
      return DeleteStateMachineVersionResponse.builder().build();
    }
    List<String> aliases = machine.versions.deleteVersion(number);
    if (!aliases.isEmpty()) {
      throw StepFunctionsErrors.conflict(
          "Version to be deleted must not be referenced by an alias. Current list of aliases"
              + " referencing this version: "
              + aliases);
    }
    return DeleteStateMachineVersionResponse.builder().build();
  }

  // ---- aliases

  private CreateStateMachineAliasResponse createAlias(
      CreateStateMachineAliasRequest request, RequestContext context) {
    new ModelViolations()
        .length("description", request.description(), 0, 256)
        .length("name", request.name(), 1, 80)
        .pattern("name", request.name(), ALIAS_NAME)
        .required("name", request.name())
        .throwIfAny();
    List<MachineVersions.Route> routes = routes(request.routingConfiguration());
    StateMachine machine = machineOfRoutes(routes);
    MachineVersions.Alias alias =
        new MachineVersions.Alias(
            request.name(),
            machine.arn + ":" + request.name(),
            request.description(),
            routes,
            engine.now());
    MachineVersions.Alias existing = machine.versions.addAlias(alias);
    if (existing != null) {
      boolean same =
          machine.versions.read(
              existing,
              found ->
                  Objects.equals(found.description, request.description())
                      && found.routes.equals(routes));
      if (!same) {
        throw StepFunctionsErrors.conflict(
            "Failed to create alias because an alias with the same name and a different routing"
                + " configuration already exists.");
      }
      alias = existing;
    }
    return CreateStateMachineAliasResponse.builder()
        .stateMachineAliasArn(alias.arn)
        .creationDate(alias.created)
        .build();
  }

  private UpdateStateMachineAliasResponse updateAlias(
      UpdateStateMachineAliasRequest request, RequestContext context) {
    new ModelViolations()
        .length("description", request.description(), 0, 256)
        .required("stateMachineAliasArn", request.stateMachineAliasArn())
        .throwIfAny();
    boolean routing = request.hasRoutingConfiguration();
    if (request.description() == null && !routing) {
      // Guess: AWS's wording when an update changes nothing.
      throw StepFunctionsErrors.validation(
          "Either the description or the RoutingConfiguration must be specified");
    }
    MachineVersions.Alias alias = alias(request.stateMachineAliasArn());
    StateMachine machine = engine.findMachine(MachineVersions.split(alias.arn)[0]);
    List<MachineVersions.Route> routes = null;
    if (routing) {
      routes = routes(request.routingConfiguration());
      if (machineOfRoutes(routes) != machine) {
        throw StepFunctionsErrors.validation(
            "Routing configuration must contain state machine version ARNs of the alias's state"
                + " machine. Received: "
                + versionArns(routes));
      }
    }
    machine.versions.updateAlias(alias, request.description(), routes, engine.now());
    return UpdateStateMachineAliasResponse.builder()
        .updateDate(machine.versions.read(alias, found -> found.updated))
        .build();
  }

  private DescribeStateMachineAliasResponse describeAlias(
      DescribeStateMachineAliasRequest request, RequestContext context) {
    MachineVersions.Alias alias = alias(request.stateMachineAliasArn());
    StateMachine machine = engine.findMachine(MachineVersions.split(alias.arn)[0]);
    return machine.versions.read(
        alias,
        found ->
            DescribeStateMachineAliasResponse.builder()
                .stateMachineAliasArn(found.arn)
                .name(found.name)
                .description(found.description)
                .routingConfiguration(
                    found.routes.stream()
                        .map(
                            route ->
                                RoutingConfigurationListItem.builder()
                                    .stateMachineVersionArn(route.versionArn())
                                    .weight(route.weight())
                                    .build())
                        .toList())
                .creationDate(found.created)
                .updateDate(found.updated)
                .build());
  }

  private ListStateMachineAliasesResponse aliases(
      ListStateMachineAliasesRequest request, RequestContext context) {
    listChecks(request.maxResults(), request.nextToken());
    StateMachine machine = engine.machineByArn(request.stateMachineArn());
    List<StateMachineAliasListItem> items = new ArrayList<>();
    for (MachineVersions.Alias alias : machine.versions.aliases()) {
      items.add(
          StateMachineAliasListItem.builder()
              .stateMachineAliasArn(alias.arn)
              .creationDate(alias.created)
              .build());
    }
    StepFunctionsOperations.Page<StateMachineAliasListItem> page =
        StepFunctionsOperations.Page.of(items, request.maxResults(), request.nextToken());
    return ListStateMachineAliasesResponse.builder()
        .stateMachineAliases(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private DeleteStateMachineAliasResponse deleteAlias(
      DeleteStateMachineAliasRequest request, RequestContext context) {
    String arn = request.stateMachineAliasArn();
    StepFunctionsEngine.checkArn(arn, "stateMachine");
    String[] split = MachineVersions.split(arn);
    StateMachine machine = engine.findMachine(split[0]);
    if (machine != null && split[1] != null) {
      machine.versions.deleteAlias(split[1]);
    }
    return DeleteStateMachineAliasResponse.builder().build();
  }

  // ---- checks

  private static void listChecks(Integer maxResults, String nextToken) {
    new ModelViolations()
        .range("maxResults", maxResults, 0, 1000)
        .length("nextToken", nextToken, 1, 1024)
        .throwIfAny();
  }

  /** The alias an ARN names; ResourceNotFound when it names none. */
  private MachineVersions.Alias alias(String arn) {
    StepFunctionsEngine.checkArn(arn, "stateMachine");
    String[] split = MachineVersions.split(arn);
    StateMachine machine = engine.findMachine(split[0]);
    MachineVersions.Alias alias =
        machine == null || split[1] == null ? null : machine.versions.alias(split[1]);
    if (alias == null) {
      throw StepFunctionsErrors.resourceNotFound();
    }
    return alias;
  }

  /** A routing configuration, checked as AWS checks it, in the order AWS checks. */
  private static List<MachineVersions.Route> routes(List<RoutingConfigurationListItem> items) {
    ModelViolations violations = new ModelViolations();
    if (items.isEmpty()) {
      violations.add(
          "routingConfiguration", "[]", "Member must have length greater than or equal to 1");
    } else if (items.size() > 2) {
      violations.add(
          "routingConfiguration",
          items.stream()
              .map(
                  item ->
                      "RoutingConfigurationListItem(stateMachineVersionArn="
                          + item.stateMachineVersionArn()
                          + ", weight="
                          + item.weight()
                          + ")")
              .toList(),
          "Member must have length less than or equal to 2");
    }
    for (int i = 0; i < items.size(); i++) {
      violations.range(
          "routingConfiguration." + (i + 1) + ".member.weight", items.get(i).weight(), 0, 100);
    }
    violations.throwIfAny();
    List<MachineVersions.Route> routes = new ArrayList<>();
    for (RoutingConfigurationListItem item : items) {
      routes.add(
          new MachineVersions.Route(
              item.stateMachineVersionArn(), item.weight() == null ? 0 : item.weight()));
    }
    List<String> arns = versionArns(routes);
    for (String arn : arns) {
      if (arn == null || !MachineVersions.isVersionQualifier(MachineVersions.split(arn)[1])) {
        throw StepFunctionsErrors.validation(
            "Routing configuration must contain state machine version ARNs. Received: " + arns);
      }
    }
    if (new HashSet<>(arns).size() != arns.size()) {
      throw StepFunctionsErrors.validation(
          "Routing configuration must contain distinct state machine version ARNs. Received: "
              + arns);
    }
    int sum = routes.stream().mapToInt(MachineVersions.Route::weight).sum();
    if (sum != 100) {
      throw StepFunctionsErrors.validation(
          "Sum of routing configuration weights must equal 100. Received: "
              + routes.stream().map(MachineVersions.Route::weight).toList());
    }
    return routes;
  }

  private static List<String> versionArns(List<MachineVersions.Route> routes) {
    return routes.stream().map(MachineVersions.Route::versionArn).toList();
  }

  /** The one machine whose existing versions the routes name. */
  private StateMachine machineOfRoutes(List<MachineVersions.Route> routes) {
    StateMachine machine = null;
    for (MachineVersions.Route route : routes) {
      MachineVersions.Target target = engine.target(route.versionArn());
      if (machine != null && machine != target.machine()) {
        // Guess: AWS's wording for versions of two different machines.
        throw StepFunctionsErrors.validation(
            "Routing configuration must contain state machine version ARNs of the same state"
                + " machine. Received: "
                + versionArns(routes));
      }
      machine = target.machine();
    }
    return machine;
  }
}
