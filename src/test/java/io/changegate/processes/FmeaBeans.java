package io.changegate.processes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.risk.FmeaService;
import io.changegate.risk.FmeaValidator;
import io.changegate.risk.FmeaVariables;
import io.changegate.risk.process.FmeaOutcomeListener;
import io.changegate.risk.process.FmeaWorksheetListener;
import io.changegate.risk.process.LoadFmeaWorksheetListener;
import io.changegate.risk.process.RecordFmeaRiskLevelDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.mockito.Mockito;

/**
 * The beans of {@code fmea-review} for process tests, registered under their production names: the real worksheet
 * listener (and so the real validator), risk-level delegate and outcome listener over a mocked {@link FmeaService};
 * the start listener only records. A test of a process that calls {@code fmea-review} registers these too.
 */
public final class FmeaBeans {

  public final FmeaService fmea = Mockito.mock(FmeaService.class);
  public final RecordingDelegate loadFmeaWorksheet = new RecordingDelegate();

  private FmeaBeans() {}

  public static FmeaBeans register() {
    FmeaBeans beans = new FmeaBeans();
    ObjectMapper json = new ObjectMapper();
    Mocks.register(ProcessBeans.beanName(FmeaWorksheetListener.class),
        new FmeaWorksheetListener(new FmeaValidator(json), beans.fmea, new FmeaVariables(json)));
    Mocks.register(ProcessBeans.beanName(LoadFmeaWorksheetListener.class), beans.loadFmeaWorksheet);
    Mocks.register(ProcessBeans.beanName(RecordFmeaRiskLevelDelegate.class), new RecordFmeaRiskLevelDelegate(beans.fmea));
    Mocks.register(ProcessBeans.beanName(FmeaOutcomeListener.class), new FmeaOutcomeListener());
    return beans;
  }
}
