// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in for Kaggle's "House Prices - Advanced Regression Techniques" files: train.csv and
 * test.csv with the 81 columns of the real train.csv (test.csv without SalePrice), numeric and
 * categorical as there, with missing values ({@code NA} and empty fields) in the columns where the
 * real files have them, some fields quoted, and a SalePrice that depends on the features in log
 * space, so a linear model learns something. Seeded: the same seed gives the same bytes.
 *
 * <p>{@code main(dir, [nTrain, nTest, seed])} writes the two files, for verify/house_prices.
 */
public final class GeneratedHousePrices {
    private GeneratedHousePrices() {}

    /** A column of the real file: its name, and its categories (null for a numeric column). */
    private record Col(String name, String[] categories, double lo, double hi, double missing, boolean integer) {
        static Col num(String name, double lo, double hi, double missing, boolean integer) {
            return new Col(name, null, lo, hi, missing, integer);
        }

        static Col cat(String name, double missing, String... categories) {
            return new Col(name, categories, 0, 0, missing, false);
        }
    }

    private static final String[] QUALITY = {"Ex", "Gd", "TA", "Fa", "Po"};
    private static final String[] EXTERIOR = {"VinylSd", "MetalSd", "Wd Sdng", "HdBoard", "Plywood", "CemntBd", "BrkFace"};

    /** The 79 feature columns between Id and SalePrice, in the real file's order. */
    static final List<Col> FEATURES = List.of(
            Col.num("MSSubClass", 20, 190, 0, true),
            Col.cat("MSZoning", 0.003, "RL", "RM", "C (all)", "FV", "RH"),
            Col.num("LotFrontage", 21, 313, 0.18, true),
            Col.num("LotArea", 1300, 215245, 0, true),
            Col.cat("Street", 0, "Pave", "Grvl"),
            Col.cat("Alley", 0.94, "Grvl", "Pave"),
            Col.cat("LotShape", 0, "Reg", "IR1", "IR2", "IR3"),
            Col.cat("LandContour", 0, "Lvl", "Bnk", "Low", "HLS"),
            Col.cat("Utilities", 0.002, "AllPub", "NoSeWa"),
            Col.cat("LotConfig", 0, "Inside", "FR2", "Corner", "CulDSac", "FR3"),
            Col.cat("LandSlope", 0, "Gtl", "Mod", "Sev"),
            Col.cat("Neighborhood", 0, "CollgCr", "Veenker", "Crawfor", "NoRidge", "Mitchel", "Somerst", "NWAmes", "OldTown",
                    "BrkSide", "Sawyer", "NridgHt", "NAmes"),
            Col.cat("Condition1", 0, "Norm", "Feedr", "PosN", "Artery", "RRAe"),
            Col.cat("Condition2", 0, "Norm", "Artery", "RRNn"),
            Col.cat("BldgType", 0, "1Fam", "2fmCon", "Duplex", "TwnhsE", "Twnhs"),
            Col.cat("HouseStyle", 0, "2Story", "1Story", "1.5Fin", "1.5Unf", "SFoyer", "SLvl"),
            Col.num("OverallQual", 1, 10, 0, true),
            Col.num("OverallCond", 1, 9, 0, true),
            Col.num("YearBuilt", 1872, 2010, 0, true),
            Col.num("YearRemodAdd", 1950, 2010, 0, true),
            Col.cat("RoofStyle", 0, "Gable", "Hip", "Gambrel", "Mansard", "Flat"),
            Col.cat("RoofMatl", 0, "CompShg", "WdShngl", "Metal", "Tar&Grv"),
            Col.cat("Exterior1st", 0.001, EXTERIOR),
            Col.cat("Exterior2nd", 0.001, EXTERIOR),
            Col.cat("MasVnrType", 0.006, "BrkFace", "None", "Stone", "BrkCmn"),
            Col.num("MasVnrArea", 0, 1600, 0.006, false),
            Col.cat("ExterQual", 0, "Gd", "TA", "Ex", "Fa"),
            Col.cat("ExterCond", 0, "TA", "Gd", "Fa", "Po", "Ex"),
            Col.cat("Foundation", 0, "PConc", "CBlock", "BrkTil", "Wood", "Slab", "Stone"),
            Col.cat("BsmtQual", 0.025, "Gd", "TA", "Ex", "Fa"),
            Col.cat("BsmtCond", 0.025, "TA", "Gd", "Fa", "Po"),
            Col.cat("BsmtExposure", 0.026, "No", "Gd", "Mn", "Av"),
            Col.cat("BsmtFinType1", 0.025, "GLQ", "ALQ", "Unf", "Rec", "BLQ", "LwQ"),
            Col.num("BsmtFinSF1", 0, 5644, 0.001, false),
            Col.cat("BsmtFinType2", 0.026, "Unf", "BLQ", "ALQ", "Rec", "LwQ", "GLQ"),
            Col.num("BsmtFinSF2", 0, 1474, 0.001, false),
            Col.num("BsmtUnfSF", 0, 2336, 0.001, false),
            Col.num("TotalBsmtSF", 0, 6110, 0.001, false),
            Col.cat("Heating", 0, "GasA", "GasW", "Grav", "Wall", "OthW", "Floor"),
            Col.cat("HeatingQC", 0, QUALITY),
            Col.cat("CentralAir", 0, "Y", "N"),
            Col.cat("Electrical", 0.001, "SBrkr", "FuseF", "FuseA", "FuseP", "Mix"),
            Col.num("1stFlrSF", 334, 4692, 0, true),
            Col.num("2ndFlrSF", 0, 2065, 0, true),
            Col.num("LowQualFinSF", 0, 572, 0, true),
            Col.num("GrLivArea", 334, 5642, 0, true),
            Col.num("BsmtFullBath", 0, 3, 0.001, false),
            Col.num("BsmtHalfBath", 0, 2, 0.001, false),
            Col.num("FullBath", 0, 3, 0, true),
            Col.num("HalfBath", 0, 2, 0, true),
            Col.num("BedroomAbvGr", 0, 8, 0, true),
            Col.num("KitchenAbvGr", 0, 3, 0, true),
            Col.cat("KitchenQual", 0.001, "Gd", "TA", "Ex", "Fa"),
            Col.num("TotRmsAbvGrd", 2, 14, 0, true),
            Col.cat("Functional", 0.001, "Typ", "Min1", "Maj1", "Min2", "Mod", "Maj2", "Sev"),
            Col.num("Fireplaces", 0, 3, 0, true),
            Col.cat("FireplaceQu", 0.47, QUALITY),
            Col.cat("GarageType", 0.055, "Attchd", "Detchd", "BuiltIn", "CarPort", "Basment", "2Types"),
            Col.num("GarageYrBlt", 1900, 2010, 0.055, false),
            Col.cat("GarageFinish", 0.055, "RFn", "Unf", "Fin"),
            Col.num("GarageCars", 0, 4, 0.001, false),
            Col.num("GarageArea", 0, 1418, 0.001, false),
            Col.cat("GarageQual", 0.055, "TA", "Fa", "Gd", "Ex", "Po"),
            Col.cat("GarageCond", 0.055, "TA", "Fa", "Gd", "Po", "Ex"),
            Col.cat("PavedDrive", 0, "Y", "N", "P"),
            Col.num("WoodDeckSF", 0, 857, 0, true),
            Col.num("OpenPorchSF", 0, 547, 0, true),
            Col.num("EnclosedPorch", 0, 552, 0, true),
            Col.num("3SsnPorch", 0, 508, 0, true),
            Col.num("ScreenPorch", 0, 480, 0, true),
            Col.num("PoolArea", 0, 738, 0, true),
            Col.cat("PoolQC", 0.97, "Ex", "Fa", "Gd"),
            Col.cat("Fence", 0.8, "MnPrv", "GdWo", "GdPrv", "MnWw"),
            Col.cat("MiscFeature", 0.96, "Shed", "Gar2", "Othr", "TenC"),
            Col.num("MiscVal", 0, 15500, 0, true),
            Col.num("MoSold", 1, 12, 0, true),
            Col.num("YrSold", 2006, 2010, 0, true),
            Col.cat("SaleType", 0.001, "WD", "New", "COD", "ConLD", "ConLI", "CWD", "ConLw", "Con", "Oth"),
            Col.cat("SaleCondition", 0, "Normal", "Abnorml", "Partial", "AdjLand", "Alloca", "Family"));

    /** The 81 columns of the real train.csv. */
    public static List<String> trainColumns() {
        List<String> names = new ArrayList<>();
        names.add("Id");
        FEATURES.forEach(c -> names.add(c.name()));
        names.add("SalePrice");
        return names;
    }

    /**
     * Writes dir/train.csv (nTrain rows, Ids from 1) and dir/test.csv (nTest rows, Ids following)
     * and returns dir.
     */
    public static Path write(Path dir, int nTrain, int nTest, long seed) throws IOException {
        Files.createDirectories(dir);
        Generator g = new Generator(seed);
        // The price's weights on the numeric columns (standardised to [0, 1]) and per category.
        double[] weight = new double[FEATURES.size()];
        for (int j = 0; j < weight.length; j++) {
            weight[j] = (g.nextDouble() - 0.5) * 0.4;
        }
        for (String split : List.of("train", "test")) {
            boolean train = split.equals("train");
            StringBuilder sb = new StringBuilder();
            List<String> header = trainColumns();
            if (!train) {
                header = header.subList(0, header.size() - 1);
            }
            sb.append(String.join(",", header)).append(train ? "\r\n" : "\n"); // the real files differ so too
            int n = train ? nTrain : nTest;
            for (int i = 0; i < n; i++) {
                int id = train ? i + 1 : nTrain + i + 1;
                sb.append(id);
                double logPrice = 12.0;
                for (int j = 0; j < FEATURES.size(); j++) {
                    Col c = FEATURES.get(j);
                    sb.append(',');
                    // test.csv has missing values in more columns, as the real one does
                    double missing = c.missing() > 0 ? c.missing() : train ? 0 : 0.002;
                    boolean absent = g.nextDouble() < missing;
                    if (c.categories() != null) {
                        int k = (int) Math.min(c.categories().length - 1, Math.floor(Math.pow(g.nextDouble(), 2) * c.categories().length));
                        if (absent) {
                            sb.append(g.nextInt(4) == 0 ? "" : "NA");
                            continue;
                        }
                        String v = c.categories()[k];
                        logPrice += weight[j] * (k % 3 - 1);
                        sb.append(g.nextInt(10) == 0 || v.contains(",") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
                    } else {
                        double u = g.nextDouble();
                        if (absent) {
                            sb.append("NA");
                            continue;
                        }
                        double v = c.lo() + u * u * (c.hi() - c.lo());
                        logPrice += weight[j] * u;
                        if (c.integer() || c.lo() >= 100 || g.nextInt(3) == 0) {
                            sb.append(Math.round(v));
                        } else {
                            sb.append(String.format(Locale.ROOT, "%.1f", v));
                        }
                    }
                }
                if (train) {
                    logPrice += 0.1 * g.nextGaussian();
                    sb.append(',').append(Math.round(Math.exp(logPrice)));
                }
                sb.append(train ? "\r\n" : "\n");
            }
            Files.writeString(dir.resolve(split + ".csv"), sb, StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** {@code dir [nTrain nTest seed]}: writes the two files (defaults 300, 120, 0). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int nTrain = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int nTest = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 0;
        write(dir, nTrain, nTest, seed);
        System.out.println("wrote " + dir.resolve("train.csv") + " and " + dir.resolve("test.csv"));
    }
}
