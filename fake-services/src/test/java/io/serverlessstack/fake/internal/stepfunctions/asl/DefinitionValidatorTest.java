package io.serverlessstack.fake.internal.stepfunctions.asl;

import static io.serverlessstack.fake.internal.stepfunctions.asl.Diagnostic.error;
import static io.serverlessstack.fake.internal.stepfunctions.asl.Diagnostic.warning;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One case per rule. Where the expected wording comes from a real AWS answer the comment names the
 * source: LocalStack's recorded AWS snapshots (localstack/localstack, tests/aws/.../*.snapshot
 * .json), AWS error messages quoted in public issues, or Floci's tests that state they were
 * measured against AWS (floci-io/floci, StepFunctionsValidateStateMachineDefinitionIntegration
 * Test). Cases without such a comment pin our own best guess at AWS's wording.
 */
class DefinitionValidatorTest {

  private static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
  private static final String TARGET = "MISSING_TRANSITION_TARGET";

  private static List<Diagnostic> validate(String json) {
    return DefinitionValidator.validate(json.replace('\'', '"'));
  }

  private static String pass(String name) {
    return "'" + name + "':{'Type':'Pass','End':true}";
  }

  // ------------------------------------------------------------------- valid definitions

  @Test
  void aMinimalDefinitionIsValid() {
    assertThat(validate("{'StartAt':'A','States':{" + pass("A") + "}}")).isEmpty();
  }

  @Test
  void aDefinitionUsingEveryStateTypeIsValid() {
    String json =
        """
        {'Comment':'all','TimeoutSeconds':60,'StartAt':'T','States':{
          'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'a.$':'$.x',
               'b.$':'States.Format(\\'{}\\', $.y)','c':{'d.$':'$$.Execution.Id'}},
               'ResultSelector':{'p.$':'$.Payload'},'ResultPath':'$.r','TimeoutSeconds':10,
               'HeartbeatSeconds':5,'Retry':[{'ErrorEquals':['Custom'],'IntervalSeconds':2,
               'MaxAttempts':0,'BackoffRate':1.5,'JitterStrategy':'FULL'},
               {'ErrorEquals':['States.ALL']}],
               'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.err','Next':'F'}],'Next':'C'},
          'C':{'Type':'Choice','Choices':[
               {'Variable':'$.n','NumericGreaterThan':1,'Next':'W'},
               {'And':[{'Variable':'$.s','StringMatches':'a*'},{'Not':{'Variable':'$.b','IsNull':true}}],
                'Next':'P'},
               {'Variable':'$.t','TimestampLessThanPath':'$.u','Next':'M'}],'Default':'S'},
          'W':{'Type':'Wait','Timestamp':'2016-03-14T01:59:00Z','Next':'S'},
          'P':{'Type':'Parallel','Branches':[{'StartAt':'B1','States':{'B1':{'Type':'Pass','End':true}}},
               {'StartAt':'B2','States':{'B2':{'Type':'Succeed'}}}],'Next':'S'},
          'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,'ItemProcessor':{
               'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},
               'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'End':true},
          'S':{'Type':'Succeed'},
          'F':{'Type':'Fail','ErrorPath':'$.err.Error','Cause':'broken'}}}
        """;
    assertThat(validate(json)).isEmpty();
  }

  @Test
  void aJsonataDefinitionIsValid() {
    String json =
        """
        {'QueryLanguage':'JSONata','StartAt':'T','States':{
          'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{'x':'{% $states.input %}'},
               'Output':'{% $states.result %}','TimeoutSeconds':'{% $t %}','Assign':{'v':1},
               'Catch':[{'ErrorEquals':['States.ALL'],'Output':'{% $states.errorOutput %}','Next':'C'}],
               'Next':'C'},
          'C':{'Type':'Choice','Choices':[{'Condition':'{% $states.input.n > 1 %}','Next':'M'}],'Default':'W'},
          'W':{'Type':'Wait','Seconds':'{% $s %}','Next':'M'},
          'M':{'Type':'Map','Items':'{% [1,2] %}','ItemProcessor':{'StartAt':'I','States':{
               'I':{'Type':'Pass','Output':'{% $states.input %}','End':true}}},'End':true}}}
        """;
    assertThat(validate(json)).isEmpty();
  }

  // ------------------------------------------------------------------- not a definition

  @Test
  void anEmptyDefinitionIsNotAJsonObject() {
    // AWS, LocalStack snapshot test_sfn_api_validation ...not_a_definition[EMPTY_STRING]
    assertThat(DefinitionValidator.validate(""))
        .containsExactly(error(SCHEMA, "Definition must be a valid JSON object", null));
  }

  @Test
  void malformedJsonIsReportedWithTheParsersMessageAndPosition() {
    // AWS, LocalStack snapshot test_sfn_api_validation ...not_a_definition[NOT_A_DEF]
    String at = "[Source: (String)\"not a definition\"; line: 1, column: 4]";
    assertThat(DefinitionValidator.validate("not a definition"))
        .containsExactly(
            error(
                "INVALID_JSON_DESCRIPTION",
                "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or"
                    + " token 'null', 'true' or 'false')\n at "
                    + at,
                at));
  }

  @Test
  void anEmptyObjectLacksStatesAndStartAt() {
    // AWS, LocalStack snapshot test_sfn_api_validation ...not_a_definition[EMPTY_DICT]
    assertThat(validate("{}"))
        .containsExactly(error(SCHEMA, "These fields are required: [States, StartAt]", "/"));
  }

  @Test
  void startAtIsRequired() {
    // AWS, LocalStack snapshot ...type_standard[INVALID_BASE_NO_STARTAT]
    assertThat(validate("{'States':{" + pass("A") + "}}"))
        .containsExactly(error(SCHEMA, "These fields are required: [StartAt]", "/"));
  }

  @Test
  void anUnknownTopLevelFieldIsNotSupported() {
    assertThat(validate("{'StartAt':'A','Foo':1,'States':{" + pass("A") + "}}"))
        .containsExactly(error(SCHEMA, "Field 'Foo' is not supported", "/"));
  }

  // ------------------------------------------------------------------- states

  @Test
  void anUnknownStateTypeListsTheTypes() {
    // AWS, LocalStack test_sfn_api snapshot (CreateStateMachine InvalidDefinition)
    assertThat(validate("{'StartAt':'A','States':{'A':{'Type':'Nope','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed,"
                    + " Fail, Choice, Parallel, Map]",
                "/States/A/Type"));
  }

  @Test
  void aStateNeedsAType() {
    assertThat(validate("{'StartAt':'A','States':{'A':{'End':true}}}"))
        .containsExactly(error(SCHEMA, "These fields are required: [Type]", "/States/A"));
  }

  @Test
  void aStateNameLongerThan80CharactersIsRefused() {
    String name = "N".repeat(81);
    assertThat(validate("{'StartAt':'" + name + "','States':{" + pass(name) + "}}"))
        .containsExactly(
            error(
                "INVALID_STATE_NAME",
                "State name '" + name + "' exceeds the maximum length of 80 characters",
                "/States/" + name));
    String ok = "N".repeat(80);
    assertThat(validate("{'StartAt':'" + ok + "','States':{" + pass(ok) + "}}")).isEmpty();
  }

  @Test
  void aFieldAStateTypeDoesNotTakeIsNotSupported() {
    // AWS, measured by Floci (timeoutSecondsRejectedOnPass, catchRejectedOnPass,
    // retryRejectedOnWait)
    assertThat(
            validate(
                "{'StartAt':'X','States':{'X':{'Type':'Pass','TimeoutSeconds':5,'End':true}}}"))
        .containsExactly(error(SCHEMA, "Field 'TimeoutSeconds' is not supported", "/States/X"));
    assertThat(
            validate(
                "{'StartAt':'X','States':{'X':{'Type':'Wait','Seconds':1,'End':true,"
                    + "'Retry':[{'ErrorEquals':['States.ALL']}]}}}"))
        .containsExactly(error(SCHEMA, "Field 'Retry' is not supported", "/States/X"));
    assertThat(validate("{'StartAt':'X','States':{'X':{'Type':'Succeed','Next':'X'}}}"))
        .containsExactly(error(SCHEMA, "Field 'Next' is not supported", "/States/X"));
  }

  @Test
  void timeoutSecondsOnParallelRendersAsCreateStateMachineAnswers() {
    // AWS, measured by Floci (createStateMachineRefusesTimeoutSecondsOnParallel)
    List<Diagnostic> found =
        validate(
            "{'StartAt':'P','States':{'P':{'Type':'Parallel','TimeoutSeconds':5,'Branches':["
                + "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':25,'End':true}}}],'End':true}}}");
    assertThat(DefinitionValidator.invalidDefinitionMessage(found))
        .isEqualTo(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds'"
                + " is not supported at /States/P'");
  }

  @Test
  void nextAndEndExcludeEachOther() {
    assertThat(validate("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'A','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should only be one of the following fields: [Next, End]",
                "/States/A"));
    assertThat(validate("{'StartAt':'A','States':{'A':{'Type':'Pass'},'B':{'Type':'Succeed'}}}"))
        .containsExactly(
            error(SCHEMA, "There should be one of the following fields: [Next, End]", "/States/A"));
  }

  // ------------------------------------------------------------------- query language

  @Test
  void jsonPathOnlyFieldsAreRefusedOnAJsonataState() {
    // AWS, measured by Floci (threeJsonPathOnlyFieldsOnAJsonataState...)
    String message =
        "The QueryLanguage is set to 'JSONata', but field '%s' is only supported for the"
            + " 'JSONPath' QueryLanguage";
    assertThat(
            validate(
                "{'QueryLanguage':'JSONata','StartAt':'X','States':{'X':{'Type':'Pass',"
                    + "'InputPath':'$.a','OutputPath':'$.b','ResultPath':'$.c','End':true}}}"))
        .containsExactly(
            error(SCHEMA, message.formatted("InputPath"), "/States/X"),
            error(SCHEMA, message.formatted("OutputPath"), "/States/X"),
            error(SCHEMA, message.formatted("ResultPath"), "/States/X"));
  }

  @Test
  void jsonataOnlyFieldsAreRefusedOnAJsonPathState() {
    // AWS, measured by Floci (jsonPathStateRejectsArguments, parallelDeclaringJsonata...)
    assertThat(
            validate(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Arguments':{'payload':'literal'},'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported"
                    + " for the 'JSONata' QueryLanguage",
                "/States/T"));
    // a Parallel's own QueryLanguage does not reach the states of its branches
    assertThat(
            validate(
                "{'StartAt':'PAR','States':{'PAR':{'Type':'Parallel','QueryLanguage':'JSONata',"
                    + "'Branches':[{'StartAt':'P','States':{'P':{'Type':'Pass','Output':1,'End':true}}}],"
                    + "'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for"
                    + " the 'JSONata' QueryLanguage",
                "/States/PAR/Branches[0]/States/P"));
  }

  @Test
  void assignIsAcceptedUnderJsonPath() {
    // AWS, measured by Floci (jsonPathStateAcceptsAssign)
    assertThat(
            validate("{'StartAt':'X','States':{'X':{'Type':'Pass','Assign':{'c':1},'End':true}}}"))
        .isEmpty();
  }

  @Test
  void aStateCannotDowngradeAJsonataMachineToJsonPath() {
    // AWS, LocalStack snapshot ...[INVALID_DOWNGRADE_QUERY_LANGUAGE]; Floci: the downgrade hides
    // the field check of that state
    assertThat(
            validate(
                "{'QueryLanguage':'JSONata','StartAt':'Pass','States':{'Pass':{'Type':'Pass',"
                    + "'QueryLanguage':'JSONPath','Output':1,'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                "/States/Pass"));
  }

  @Test
  void aQueryLanguageOutsideTheEnumIsReportedAtItsField() {
    // AWS, measured by Floci (topLevelQueryLanguageOutsideTheEnum..., nonStringTopLevel...,
    // lowercaseJsonataOnAStateResolvesToJsonata...)
    assertThat(
            validate(
                "{'QueryLanguage':'jsonata','StartAt':'X','States':{'X':{'Type':'Pass','Output':1,'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "Value should be one of the following: [JSONPath, JSONata]",
                "/QueryLanguage"));
    assertThat(validate("{'QueryLanguage':5,'StartAt':'X','States':{" + pass("X") + "}}"))
        .containsExactly(error(SCHEMA, "Expected value of type [STRING]", "/QueryLanguage"));
    assertThat(
            validate(
                "{'StartAt':'X','States':{'X':{'Type':'Pass','QueryLanguage':'jsonata',"
                    + "'Output':1,'InputPath':'$.a','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported"
                    + " for the 'JSONPath' QueryLanguage",
                "/States/X"),
            error(
                SCHEMA,
                "Value should be one of the following: [JSONPath, JSONata]",
                "/States/X/QueryLanguage"));
  }

  @Test
  void aProcessorOrBranchCannotDeclareAQueryLanguage() {
    // AWS, measured by Floci (itemProcessorCannotDeclareQueryLanguage, parallelBranchCannot...)
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'QueryLanguage':'JSONata',"
                    + "'StartAt':'P','States':{"
                    + pass("P")
                    + "}},'End':true}}}"))
        .containsExactly(
            error(SCHEMA, "Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor"));
    assertThat(
            validate(
                "{'StartAt':'PAR','States':{'PAR':{'Type':'Parallel','Branches':[{'QueryLanguage':'JSONata',"
                    + "'StartAt':'P','States':{"
                    + pass("P")
                    + "}}],'End':true}}}"))
        .containsExactly(
            error(SCHEMA, "Field 'QueryLanguage' is not supported", "/States/PAR/Branches[0]"));
  }

  // ------------------------------------------------------------------- Task

  @Test
  void aTaskNeedsAResource() {
    assertThat(validate("{'StartAt':'T','States':{'T':{'Type':'Task','End':true}}}"))
        .containsExactly(error(SCHEMA, "These fields are required: [Resource]", "/States/T"));
  }

  @Test
  void aResourceThatIsNoArnIsNotRecognized() {
    // wording of AWS's answer for an unknown integration, LocalStack snapshot (dynamodb:query)
    assertThat(
            validate(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'lambda','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The resource provided lambda is not recognized. The value is not a valid resource"
                    + " ARN, or the resource is not available in this region.",
                "/States/T/Resource"));
  }

  @Test
  void heartbeatMustBeShorterThanTheTimeout() {
    assertThat(
            validate(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:1:function:f',"
                    + "'TimeoutSeconds':5,'HeartbeatSeconds':5,'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The value of 'HeartbeatSeconds' must be smaller than the value of 'TimeoutSeconds'",
                "/States/T/HeartbeatSeconds"));
  }

  @Test
  void timeoutsAreBoundedAndExclusiveWithTheirPaths() {
    assertThat(
            validate(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',"
                    + "'TimeoutSeconds':0,'TimeoutSecondsPath':'$.t','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]",
                "/States/T/TimeoutSeconds"),
            error(SCHEMA, "Minimum value is 1", "/States/T/TimeoutSeconds"));
  }

  @Test
  void credentialsNeedARoleArn() {
    // AWS, LocalStack snapshot test_credentials_base
    assertThat(
            validate(
                "{'StartAt':'State0','States':{'State0':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Credentials':{},'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The field 'RoleArn' is required but was missing",
                "/States/State0/Credentials"));
  }

  // ------------------------------------------------------------------- payload templates, paths

  @Test
  void aDollarFieldNeedsAPathOrAnIntrinsic() {
    // AWS, LocalStack snapshot test_base_scenarios (IntrinsicEscape)
    assertThat(
            validate(
                "{'StartAt':'IntrinsicEscape','States':{'IntrinsicEscape':{'Type':'Pass',"
                    + "'Parameters':{'parsed.$':'States.StringToJson($.x'},'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic"
                    + " function call",
                "/States/IntrinsicEscape/Parameters"));
  }

  @Test
  void aPathLookingValueWithoutDollarIsAWarning() {
    List<Diagnostic> found =
        validate(
            "{'StartAt':'X','States':{'X':{'Type':'Pass','Parameters':{'a':'$.b'},'End':true}}}");
    assertThat(found)
        .containsExactly(
            warning(
                "NO_DOLLAR",
                "The value of the field 'a' looks like a JSONPath or an intrinsic function, but the"
                    + " field name does not end with '.$'",
                "/States/X/Parameters/a"));
    assertThat(DefinitionValidator.isValid(found)).isTrue();
    assertThat(DefinitionValidator.invalidDefinitionMessage(found)).isNull();
  }

  @Test
  void pathsMustBeWellFormed() {
    assertThat(
            validate("{'StartAt':'X','States':{'X':{'Type':'Pass','InputPath':'a.b','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The value for the field 'InputPath' must be a valid JSONPath",
                "/States/X/InputPath"));
    assertThat(
            validate(
                "{'StartAt':'X','States':{'X':{'Type':'Pass','ResultPath':'$.a[*]','End':true}}}"))
        .containsExactly(error(SCHEMA, "Value is not a Reference Path", "/States/X/ResultPath"));
    assertThat(
            validate(
                "{'StartAt':'X','States':{'X':{'Type':'Pass','ResultPath':null,'OutputPath':'$.a[?(@.b > 1)]','End':true}}}"))
        .isEmpty();
  }

  // ------------------------------------------------------------------- Wait, Fail

  @Test
  void aWaitTakesExactlyOneDuration() {
    assertThat(
            validate(
                "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should only be one of the following fields: [SecondsPath, Seconds,"
                    + " TimestampPath, Timestamp]",
                "/States/W"));
    assertThat(validate("{'StartAt':'W','States':{'W':{'Type':'Wait','End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should be one of the following fields: [SecondsPath, Seconds, TimestampPath,"
                    + " Timestamp]",
                "/States/W"));
  }

  @Test
  void aWaitTimestampMustBeRfc3339() {
    // AWS, LocalStack snapshot test_wait (CreateStateMachine InvalidDefinition)
    List<Diagnostic> found =
        validate(
            "{'StartAt':'WaitUntil','States':{'WaitUntil':{'Type':'Wait','Timestamp':'2016-03-14 01:59:00',"
                + "'End':true}}}");
    assertThat(DefinitionValidator.invalidDefinitionMessage(found))
        .isEqualTo(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match"
                + " RFC3339 timestamp at /States/WaitUntil/Timestamp'");
  }

  @Test
  void aFailTakesErrorOrErrorPathNotBoth() {
    assertThat(
            validate(
                "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E','ErrorPath':'$.e'}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should only be one of the following fields: [Error, ErrorPath]",
                "/States/F/Error"));
    assertThat(validate("{'StartAt':'F','States':{'F':{'Type':'Fail','CausePath':'nope'}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic"
                    + " function call",
                "/States/F/CausePath"));
  }

  // ------------------------------------------------------------------- Parallel, Map

  @Test
  void parallelBranchesCannotBeEmpty() {
    // AWS, LocalStack snapshot test_sfn_api (Branches: [])
    assertThat(
            validate(
                "{'StartAt':'StateName','States':{'StateName':{'Type':'Parallel','Branches':[],'End':true}}}"))
        .containsExactly(error(SCHEMA, "Value cannot be empty", "/States/StateName/Branches"));
    assertThat(validate("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true}}}"))
        .containsExactly(error(SCHEMA, "These fields are required: [Branches]", "/States/P"));
  }

  @Test
  void nestedStatesAreValidatedAtTheirStructuredLocation() {
    // location format: AWS, measured by Floci
    // (nestedMapMaxConcurrencyIsValidatedAtItsStructuredPath)
    assertThat(
            validate(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'A','States':{"
                    + pass("A")
                    + "}},"
                    + "{'StartAt':'X','States':{'X':{'Type':'Pass','Foo':1,'End':true}}}],'End':true}}}"))
        .containsExactly(
            error(SCHEMA, "Field 'Foo' is not supported", "/States/P/Branches[1]/States/X"));
  }

  @Test
  void aMapNeedsAProcessorAndANonNegativeConcurrency() {
    assertThat(validate("{'StartAt':'M','States':{'M':{'Type':'Map','End':true}}}"))
        .containsExactly(error(SCHEMA, "These fields are required: [ItemProcessor]", "/States/M"));
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':-1,'ItemProcessor':{"
                    + "'StartAt':'P','States':{"
                    + pass("P")
                    + "}},'End':true}}}"))
        .containsExactly(error(SCHEMA, "Minimum value is 0", "/States/M/MaxConcurrency"));
  }

  @Test
  void aMapConcurrencyAndItsPathExcludeEachOther() {
    // location: AWS, measured by Floci (mapCannotSpecifyBothMaxConcurrencyFields); wording as
    // AWS's answer for MaxItems/MaxItemsPath quoted in floci-io/floci#3733
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'MaxConcurrencyPath':'$.l',"
                    + "'ItemProcessor':{'StartAt':'P','States':{"
                    + pass("P")
                    + "}},'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]",
                "/States/M/MaxConcurrency"));
  }

  @Test
  void aDistributedProcessorNeedsAnExecutionType() {
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},"
                    + "'StartAt':'P','States':{"
                    + pass("P")
                    + "}},'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "These fields are required: [ExecutionType]",
                "/States/M/ItemProcessor/ProcessorConfig"));
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'FAST'},"
                    + "'StartAt':'P','States':{"
                    + pass("P")
                    + "}},'End':true}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "Value should be one of the following: [INLINE, DISTRIBUTED]",
                "/States/M/ItemProcessor/ProcessorConfig/Mode"));
  }

  // ------------------------------------------------------------------- Choice

  @Test
  void aChoiceNeedsRules() {
    assertThat(
            validate(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[],'Default':'S'},'S':{'Type':'Succeed'}}}"))
        .containsExactly(error(SCHEMA, "Value cannot be empty", "/States/C/Choices"));
  }

  @Test
  void aTopLevelChoiceRuleNeedsNext() {
    // AWS, CloudFormation's answer quoted in aws-cloudformation/cfn-lint#4077
    assertThat(
            validate(
                "{'StartAt':'Choice','States':{'Choice':{'Type':'Choice','Choices':[{'Variable':'$',"
                    + "'StringMatches':'Test'}],'Default':'S'},'S':{'Type':'Succeed'}}}"))
        .containsExactly(
            error(SCHEMA, "These fields are required: [Next]", "/States/Choice/Choices[0]"));
  }

  @Test
  void choiceRulesTakeOneKnownOperatorOfTheRightType() {
    String head =
        "{'StartAt':'C','States':{'S':{'Type':'Succeed'},'C':{'Type':'Choice','Default':'S','Choices':[";
    assertThat(
            validate(
                head + "{'Variable':'$.a','StringEquals':'x','NumericEquals':1,'Next':'S'}]}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "There should only be one of the following fields: [StringEquals, NumericEquals]",
                "/States/C/Choices[0]"));
    assertThat(validate(head + "{'Variable':'$.a','StringEqualz':'x','Next':'S'}]}}}"))
        .containsExactly(
            error(SCHEMA, "Field 'StringEqualz' is not supported", "/States/C/Choices[0]"),
            error(
                SCHEMA,
                "These fields are required: [a comparison operator]",
                "/States/C/Choices[0]"));
    assertThat(validate(head + "{'Variable':'$.a','NumericEquals':'1','Next':'S'}]}}}"))
        .containsExactly(
            error(SCHEMA, "Expected value of type [NUMBER]", "/States/C/Choices[0]/NumericEquals"));
    assertThat(validate(head + "{'Variable':'a','IsNull':true,'Next':'S'}]}}}"))
        .containsExactly(
            error(SCHEMA, "Value is not a Reference Path", "/States/C/Choices[0]/Variable"));
    assertThat(validate(head + "{'StringEquals':'x','Next':'S'}]}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The object must have only one of the following fields, [And, Or, Not, Variable]",
                "/States/C/Choices[0]"));
    assertThat(
            validate(head + "{'Not':{'Variable':'$.a','IsNull':true,'Next':'S'},'Next':'S'}]}}}"))
        .containsExactly(
            error(SCHEMA, "Field 'Next' is not supported", "/States/C/Choices[0]/Not"));
  }

  @Test
  void aJsonataChoiceRuleUsesCondition() {
    // wording: AWS's field-language message (measured by Floci), applied to a rule's Variable
    assertThat(
            validate(
                "{'QueryLanguage':'JSONata','StartAt':'C','States':{'S':{'Type':'Succeed'},'C':{'Type':'Choice',"
                    + "'Default':'S','Choices':[{'Variable':'$.a','IsNull':true,'Next':'S'}]}}}"))
        .containsExactly(
            error(
                SCHEMA,
                "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for"
                    + " the 'JSONPath' QueryLanguage",
                "/States/C/Choices[0]"),
            error(
                SCHEMA,
                "The QueryLanguage is set to 'JSONata', but field 'IsNull' is only supported for"
                    + " the 'JSONPath' QueryLanguage",
                "/States/C/Choices[0]"),
            error(SCHEMA, "These fields are required: [Condition]", "/States/C/Choices[0]"));
  }

  // ------------------------------------------------------------------- Retry, Catch

  private static String task(String retryOrCatch) {
    return "{'StartAt':'T','States':{'H':{'Type':'Succeed'},'T':{'Type':'Task',"
        + "'Resource':'arn:aws:states:::lambda:invoke',"
        + retryOrCatch
        + ",'Next':'H'}}}";
  }

  @Test
  void retriersAreChecked() {
    assertThat(validate(task("'Retry':[{'MaxAttempts':1}]")))
        .containsExactly(
            error(SCHEMA, "These fields are required: [ErrorEquals]", "/States/T/Retry[0]"));
    assertThat(validate(task("'Retry':[{'ErrorEquals':[]}]")))
        .containsExactly(error(SCHEMA, "Value cannot be empty", "/States/T/Retry[0]/ErrorEquals"));
    assertThat(validate(task("'Retry':[{'ErrorEquals':['States.ALL','E']}]")))
        .containsExactly(
            error(
                SCHEMA,
                "'States.ALL' must appear alone in 'ErrorEquals'",
                "/States/T/Retry[0]/ErrorEquals"));
    assertThat(validate(task("'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['E']}]")))
        .containsExactly(
            error(
                SCHEMA,
                "A Retrier with 'States.ALL' must be the last in 'Retry'",
                "/States/T/Retry[0]/ErrorEquals"));
    assertThat(
            validate(
                task(
                    "'Retry':[{'ErrorEquals':['E'],'MaxAttempts':-1,'BackoffRate':0.5,"
                        + "'JitterStrategy':'SOME','IntervalSeconds':1.5}]")))
        .containsExactly(
            error(SCHEMA, "Expected value of type [INTEGER]", "/States/T/Retry[0]/IntervalSeconds"),
            error(SCHEMA, "Minimum value is 0", "/States/T/Retry[0]/MaxAttempts"),
            error(SCHEMA, "Minimum value is 1.0", "/States/T/Retry[0]/BackoffRate"),
            error(
                SCHEMA,
                "Value should be one of the following: [FULL, NONE]",
                "/States/T/Retry[0]/JitterStrategy"));
  }

  @Test
  void catchersAreChecked() {
    assertThat(validate(task("'Catch':[{'ResultPath':'$.e'}]")))
        .containsExactly(
            error(SCHEMA, "These fields are required: [ErrorEquals, Next]", "/States/T/Catch[0]"));
    assertThat(
            validate(
                task(
                    "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'},{'ErrorEquals':['E'],'Next':'H'}]")))
        .containsExactly(
            error(
                SCHEMA,
                "A Catcher with 'States.ALL' must be the last in 'Catch'",
                "/States/T/Catch[0]/ErrorEquals"));
  }

  // ------------------------------------------------------------------- graph

  @Test
  void aMissingTargetAndAnUnreachableStateAreBothReported() {
    // AWS, CreateStateMachine answer quoted in localstack/localstack#12487
    List<Diagnostic> found =
        validate(
            "{'StartAt':'pass1','States':{'pass1':{'Type':'Pass','Next':'pass3'},"
                + "'pass2':{'Type':'Pass','End':true}}}");
    assertThat(DefinitionValidator.invalidDefinitionMessage(found))
        .isEqualTo(
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target:"
                + " pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not"
                + " reachable. at /States/pass2'");
  }

  @Test
  void everyTransitionNamesItsTargetAsNext() {
    // AWS, measured by Floci (dangling Choices[].Next, Default, Catch[].Next)
    assertThat(
            validate(
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.x','IsPresent':true,"
                    + "'Next':'G1'}],'Default':'T'},'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'G2'}],'Next':'D'},'D':{'Type':'Choice',"
                    + "'Choices':[{'Variable':'$.x','IsPresent':true,'Next':'Z'}],'Default':'G3'},"
                    + "'Z':{'Type':'Succeed'}}}"))
        .containsExactly(
            error(TARGET, "Missing 'Next' target: G1", "/States/C/Choices[0]/Next"),
            error(TARGET, "Missing 'Next' target: G2", "/States/T/Catch[0]/Next"),
            error(TARGET, "Missing 'Next' target: G3", "/States/D/Default"));
  }

  @Test
  void aDanglingStartAtLeavesEveryStateUnreachable() {
    // AWS, measured by Floci (danglingStartAtTopLevel..., danglingStartAtInsideItemProcessor...)
    assertThat(validate("{'StartAt':'Nope','States':{" + pass("A") + "}}"))
        .containsExactly(
            error(TARGET, "Missing 'Next' target: Nope", "/StartAt"),
            error(TARGET, "State \"A\" is not reachable.", "/States/A"));
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'Nope','States':{"
                    + pass("A")
                    + "}},'End':true}}}"))
        .containsExactly(
            error(TARGET, "Missing 'Next' target: Nope", "/States/M/ItemProcessor/StartAt"),
            error(TARGET, "State \"A\" is not reachable.", "/States/M/ItemProcessor/States/A"));
  }

  @Test
  void aWorkflowWithoutTerminalStateHidesTheReachabilityReport() {
    // AWS, measured by Floci (loopWithNoTerminalState..., missingEndStateSuppresses...,
    // missingEndStateCoexistsWithADanglingTarget..., createStateMachineRefusesLoop...)
    List<Diagnostic> loop =
        validate(
            "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},"
                + "'U':{'Type':'Pass','Next':'A'}}}");
    assertThat(loop)
        .containsExactly(error("MISSING_END_STATE", "Workflow has no terminal state", null));
    assertThat(DefinitionValidator.invalidDefinitionMessage(loop))
        .isEqualTo(
            "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
    assertThat(validate("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'NOPE'}}}"))
        .containsExactly(
            error(TARGET, "Missing 'Next' target: NOPE", "/States/A/Next"),
            error("MISSING_END_STATE", "Workflow has no terminal state", null));
  }

  @Test
  void aLoopInsideAProcessorIsAccepted() {
    // AWS, measured by Floci (nestedLoopWithNoTerminalState_isAccepted...)
    assertThat(
            validate(
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{"
                    + "'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}},"
                    + "'End':true}}}"))
        .isEmpty();
  }

  @Test
  void transitionsStayInTheirBranch() {
    assertThat(
            validate(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'A','States':{"
                    + "'A':{'Type':'Pass','Next':'Out'}}}],'Next':'Out'},'Out':{'Type':'Succeed'}}}"))
        .containsExactly(
            error(TARGET, "Missing 'Next' target: Out", "/States/P/Branches[0]/States/A/Next"));
  }

  @Test
  void stateNamesAreUniqueInTheWholeMachine() {
    assertThat(
            validate(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'P','States':{"
                    + pass("P")
                    + "}}],'End':true}}}"))
        .containsExactly(
            error(
                "DUPLICATE_STATE_NAME",
                "Duplicate State name: P",
                "/States/P/Branches[0]/States/P"));
  }

  @Test
  void graphChecksWaitForASchemaValidDefinition() {
    assertThat(validate("{'StartAt':'A','States':{'A':{'Type':'Pass','Foo':1,'Next':'Nope'}}}"))
        .containsExactly(error(SCHEMA, "Field 'Foo' is not supported", "/States/A"));
  }

  // -------------------------------------------------------------------
  // ValidateStateMachineDefinition

  @Test
  void theReportFiltersBySeverityAndTruncatesAtMaxResults() {
    List<Diagnostic> found =
        validate(
            "{'QueryLanguage':'JSONata','StartAt':'X','States':{'X':{'Type':'Pass',"
                + "'InputPath':'$.a','OutputPath':'$.b','ResultPath':'$.c','End':true}}}");
    DefinitionValidator.Report one = DefinitionValidator.report(found, null, 1);
    assertThat(one.result()).isEqualTo("FAIL");
    assertThat(one.diagnostics()).containsExactly(found.get(0));
    assertThat(one.truncated()).isTrue();
    DefinitionValidator.Report all = DefinitionValidator.report(found, "ERROR", 0);
    assertThat(all.diagnostics()).hasSize(3);
    assertThat(all.truncated()).isFalse();

    List<Diagnostic> warned =
        validate(
            "{'StartAt':'X','States':{'X':{'Type':'Pass','Parameters':{'a':'$.b'},'End':true}}}");
    DefinitionValidator.Report errorsOnly = DefinitionValidator.report(warned, "ERROR", null);
    assertThat(errorsOnly.result()).isEqualTo("OK");
    assertThat(errorsOnly.diagnostics()).isEmpty();
    assertThat(DefinitionValidator.report(warned, "WARNING", null).diagnostics()).hasSize(1);
  }

  @Test
  void aHundredStateDefinitionValidatesWellUnderAMillisecond() {
    StringBuilder json = new StringBuilder("{\"StartAt\":\"S0\",\"States\":{");
    for (int i = 0; i < 100; i++) {
      json.append(i == 0 ? "" : ",")
          .append("\"S")
          .append(i)
          .append("\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",")
          .append(
              "\"Parameters\":{\"a.$\":\"$.x\"},\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]}],")
          .append(i == 99 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
    }
    com.fasterxml.jackson.databind.JsonNode tree = parse(json.append("}}").toString());
    assertThat(DefinitionValidator.validate(tree)).isEmpty();
    // the best of several batches, after warming up: the machine running the tests is shared
    long best = Long.MAX_VALUE;
    int sink = 0;
    for (int batch = 0; batch < 30; batch++) {
      long start = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        sink += DefinitionValidator.validate(tree).size();
      }
      best = Math.min(best, (System.nanoTime() - start) / 500);
    }
    assertThat(sink).isZero();
    assertThat(best).isLessThan(500_000L);
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
